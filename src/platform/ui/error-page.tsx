import { Heading, Link, Paragraph } from './components.tsx';

export function ErrorPage({ title, text, reference, homeLabel }: { title: string; text: string; reference?: string; homeLabel: string }) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph lead>{text}</Paragraph>
      {reference && <Paragraph>{reference}</Paragraph>}
      <Paragraph>
        <Link href="/">{homeLabel}</Link>
      </Paragraph>
    </>
  );
}
