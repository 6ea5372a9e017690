/**
 * What a confirmation is about to do, term by term (a definition list: on a phone each term above
 * its value, operations.css), for ConfirmDialog's body.
 */
import { Fragment, type ComponentChildren } from 'preact';

export function ReviewFacts({ rows }: { rows: readonly (readonly [string, ComponentChildren])[] }) {
  return (
    <dl class="ops-facts">
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
