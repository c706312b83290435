import { useState, type ChangeEvent } from 'react';
import { useExportConfigMutation, useImportConfigMutation } from '../api/use-config-transfer';
import { errorText } from '../api/error-text';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';

/** Saves the document as a file the browser downloads. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Export the cluster config (secrets masked), or import one: checked and shown first, then applied as one change. */
export function ConfigTransferCard() {
  const { m } = useI18n();
  const exporter = useExportConfigMutation();
  const importer = useImportConfigMutation();
  const [document, setDocument] = useState<string | null>(null);
  const preview = importer.data && !importer.data.applied ? importer.data : null;

  const exportNow = () => exporter.mutate(undefined, { onSuccess: (doc) => download(`sfha-config-${doc.cluster || 'cluster'}-g${doc.generation}.json`, `${JSON.stringify(doc, null, 2)}\n`) });
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setDocument(text);
    importer.mutate({ document: text, dryRun: true });
  };

  return (
    <section className="card" aria-labelledby="config-transfer">
      <h2 id="config-transfer">{m.configTransfer.title}</h2>
      <p>{m.configTransfer.hint}</p>
      <ErrorBanner message={exporter.isError ? errorText(exporter.error, m) : importer.isError ? errorText(importer.error, m) : null} />
      <div className="actions">
        <button type="button" onClick={exportNow} disabled={exporter.isPending} data-testid="config-export">
          {m.configTransfer.export}
        </button>
        <label>
          {m.configTransfer.import} <input type="file" accept="application/json,.json" onChange={(e) => void choose(e)} data-testid="config-import-file" />
        </label>
      </div>
      {preview && (
        <div data-testid="config-import-preview">
          {preview.changes.length === 0 ? (
            <p>{m.configTransfer.noChange}</p>
          ) : (
            <>
              <p>{fill(m.configTransfer.changes, { count: preview.changes.length })}</p>
              <ul>
                {preview.changes.map((line) => (
                  <li key={line}>
                    <code>{line}</code>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                disabled={importer.isPending || document === null}
                onClick={() => document !== null && importer.mutate({ document, dryRun: false })}
                data-testid="config-import-apply"
              >
                {fill(m.configTransfer.apply, { count: preview.changes.length })}
              </button>
            </>
          )}
        </div>
      )}
      {importer.data?.applied && <p className="banner banner-info">{fill(m.configTransfer.applied, { generation: importer.data.generation })}</p>}
    </section>
  );
}
