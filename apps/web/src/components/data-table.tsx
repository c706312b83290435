import type { ReactNode } from 'react';

interface DataTableProps {
  /** Column headings; an `actions` column is labelled for screen readers only. */
  columns: readonly string[];
  actionsLabel?: string;
  testId?: string;
  children: ReactNode;
}

/** A table that scrolls sideways on a phone instead of widening the page. */
export function DataTable({ columns, actionsLabel, testId, children }: DataTableProps) {
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {actionsLabel && (
              <th scope="col">
                <span className="visually-hidden">{actionsLabel}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
