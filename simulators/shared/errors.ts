/**
 * The one error a simulator's handlers throw, whatever the API: the HTTP status and the body in
 * the API's own shape (`Body`): a Fout of the ZGW family (problem.ts), NotifyNL's list of
 * `{error, message}`, a BRP Foutbericht, a KvK Fout. The scope's error handler (setUpApiScope in
 * scope.ts) answers it with the API's own `send`, which adds what belongs to the answer rather than
 * to the error (an instance id, the status in the body, headers).
 */
export class ApiError<Body> extends Error {
  constructor(
    readonly status: number,
    readonly body: Body,
    message: string,
  ) {
    super(message);
  }
}
