import { Allowed } from '../components/allowed';
import type { Schemas } from '@sfha/contracts';
import { useState } from 'react';
import { errorText } from '../api/error-text';
import { useMeshStatusQuery, useRemovePeerMutation, useRotateKeysMutation } from '../api/use-mesh-queries';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n } from '../i18n/i18n';
import { formatDuration } from './duration';
import { formatBytes, formatMs } from './format-bytes';
import { MeshHistoryCard } from './mesh-history-card';
import { MeshMapCard } from './mesh-map-card';

function SelfCard({ mesh }: { mesh: Schemas['MeshStatusDto'] }) {
  const { m } = useI18n();
  return (
    <section className="card" aria-labelledby="mesh-self">
      <h2 id="mesh-self">{m.mesh.self}</h2>
      <dl className="facts">
        <dt>{m.mesh.interface}</dt>
        <dd>
          {mesh.interface} {mesh.up ? <span className="pill pill-ok">{m.mesh.up}</span> : <span className="pill pill-error">{m.mesh.down}</span>}
        </dd>
        <dt>{m.overview.colMeshIp}</dt>
        <dd>
          {mesh.self.meshIp} ({mesh.network})
        </dd>
        <dt>{m.mesh.endpoint}</dt>
        <dd>{mesh.self.endpoint ?? '—'}</dd>
        <dt>{m.mesh.listenPort}</dt>
        <dd>{mesh.self.listenPort}</dd>
        <dt>{m.mesh.publicKey}</dt>
        <dd className="mono" data-testid="self-public-key">
          {mesh.self.publicKey}
        </dd>
        {mesh.self.pendingPublicKey && (
          <>
            <dt>{m.mesh.pendingKey}</dt>
            <dd className="mono">{mesh.self.pendingPublicKey}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function PeerRow({ peer, onRemove }: { peer: Schemas['MeshPeerStatusDto']; onRemove: (name: string) => void }) {
  const { m, lang } = useI18n();
  return (
    <tr data-testid={`peer-${peer.name}`}>
      <th scope="row">
        {peer.name}
        <span className="muted small block"> {peer.meshIp}</span>
        <span className="muted small mono block" title={peer.publicKey}>
          {peer.publicKey.slice(0, 16)}…
        </span>
      </th>
      <td>{peer.endpoint ?? '—'}</td>
      <td data-testid="handshake">{peer.handshakeAgeSeconds === null ? m.mesh.never : fill(m.mesh.ago, { duration: formatDuration(peer.handshakeAgeSeconds, m) })}</td>
      <td className="nowrap">
        {formatBytes(peer.rxBytes, lang)} / {formatBytes(peer.txBytes, lang)}
      </td>
      <td className="nowrap">{peer.rttMs === null ? '—' : formatMs(peer.rttMs, lang)}</td>
      <td>{peer.connected ? <span className="pill pill-ok">{m.mesh.connected}</span> : <span className="pill pill-error">{m.mesh.disconnected}</span>}</td>
      <td>
        <Allowed role="admin">
          <button type="button" className="button-secondary button-small" aria-label={fill(m.mesh.removeLabel, { name: peer.name })} onClick={() => onRemove(peer.name)}>
            {m.mesh.remove}
          </button>
        </Allowed>
      </td>
    </tr>
  );
}

function RemoveConfirmation({ name, onRemoved, onCancel }: { name: string; onRemoved: () => void; onCancel: () => void }) {
  const { m } = useI18n();
  const remove = useRemovePeerMutation();
  return (
    <div className="confirm-box" role="alertdialog" aria-labelledby="remove-peer-text">
      <p id="remove-peer-text">{fill(m.mesh.removeConfirm, { name })}</p>
      <ErrorBanner message={remove.isError ? errorText(remove.error, m) : null} />
      <div className="actions">
        <button type="button" className="button-danger" disabled={remove.isPending} onClick={() => remove.mutate(name, { onSuccess: onRemoved })} autoFocus>
          {fill(m.mesh.removeConfirmButton, { name })}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {m.mesh.cancel}
        </button>
      </div>
    </div>
  );
}

function PeersCard({ peers }: { peers: Schemas['MeshPeerStatusDto'][] }) {
  const { m } = useI18n();
  const [removing, setRemoving] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="mesh-peers">
      <h2 id="mesh-peers">{m.mesh.peers}</h2>
      <p className="muted small">{m.mesh.refreshed}</p>
      {removed && (
        <p className="banner banner-info" role="status">
          {fill(m.mesh.removed, { name: removed })}
        </p>
      )}
      {removing && (
        <RemoveConfirmation
          name={removing}
          onRemoved={() => {
            setRemoved(removing);
            setRemoving(null);
          }}
          onCancel={() => setRemoving(null)}
        />
      )}
      {peers.length === 0 ? (
        <p>{m.mesh.noPeers}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="peers-table">
            <thead>
              <tr>
                <th scope="col">{m.mesh.colName}</th>
                <th scope="col">{m.mesh.colEndpoint}</th>
                <th scope="col">{m.mesh.colHandshake}</th>
                <th scope="col">{m.mesh.colTransfer}</th>
                <th scope="col">{m.mesh.colRtt}</th>
                <th scope="col">{m.mesh.colState}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.mesh.remove}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {peers.map((peer) => (
                <PeerRow
                  key={peer.name}
                  peer={peer}
                  onRemove={(name) => {
                    setRemoved(null);
                    setRemoving(name);
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function KeysCard() {
  const { m } = useI18n();
  const rotate = useRotateKeysMutation();
  return (
    <section className="card" aria-labelledby="mesh-keys">
      <h2 id="mesh-keys">{m.mesh.keys}</h2>
      <p className="muted">{m.mesh.rotateHint}</p>
      <ErrorBanner message={rotate.isError ? errorText(rotate.error, m) : null} />
      {rotate.data && (
        <p className="banner banner-info" role="status">
          {fill(m.mesh.rotated, { key: rotate.data.publicKey })}
        </p>
      )}
      <Allowed role="admin">
        <button type="button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
          {m.mesh.rotate}
        </button>
      </Allowed>
    </section>
  );
}

export function MeshPage() {
  const { m } = useI18n();
  const mesh = useMeshStatusQuery();
  return (
    <>
      <h1>{m.mesh.title}</h1>
      <ErrorBanner message={mesh.isError ? errorText(mesh.error, m) : null} />
      {mesh.data ? (
        <>
          <PeersCard peers={mesh.data.peers} />
          {mesh.data.peers.length > 0 && (
            <>
              <MeshMapCard />
              <MeshHistoryCard />
            </>
          )}
          <SelfCard mesh={mesh.data} />
          <KeysCard />
        </>
      ) : (
        !mesh.isError && <p>{m.loading}</p>
      )}
    </>
  );
}
