/** A Notificaties API "Notificatie" (notificaties-api.yaml, Message), as the ZGW APIs and objects-api publish them. */
export interface Notificatie {
  kanaal: string;
  hoofdObject: string;
  resource: string;
  resourceUrl: string;
  actie: string;
  aanmaakdatum: string;
  kenmerken: Record<string, string>;
}
