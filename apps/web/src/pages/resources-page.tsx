import { Allowed } from '../components/allowed';
import { useState } from 'react';
import { errorText } from '../api/error-text';
import { useClusterStatusQuery } from '../api/use-cluster-queries';
import { useResourceGroupsQuery } from '../api/use-resources-queries';
import { ErrorBanner } from '../components/error-banner';
import { useI18n } from '../i18n/i18n';
import './ha-pages.css';
import { GroupCard } from './resources-group-card';
import { GroupForm } from './resources-group-form';
import { emptyGroup, groupValues, type GroupValues } from './resources-group-model';
import { NodePanel } from './resources-node-panel';
import { WhatIfPanel } from './resources-what-if-panel';

type Editing = { values: GroupValues; existing: boolean } | null;

/** Resource groups (VIPs and services): where they run, their health, and the admin's actions. */
export function ResourcesPage() {
  const { m } = useI18n();
  const groups = useResourceGroupsQuery();
  const status = useClusterStatusQuery();
  const [editing, setEditing] = useState<Editing>(null);
  const nodes = status.data?.nodes ?? [];
  const nodeNames = nodes.map((n) => n.name);
  return (
    <>
      <h1>{m.resources.title}</h1>
      <ErrorBanner message={groups.isError ? errorText(groups.error, m) : null} />
      {editing ? (
        <GroupForm initial={editing.values} editing={editing.existing} nodes={nodeNames} onDone={() => setEditing(null)} />
      ) : (
        <div className="page-actions">
          <Allowed role="admin">
            <button type="button" onClick={() => setEditing({ values: emptyGroup(), existing: false })}>
              {m.resources.newGroup}
            </button>
          </Allowed>
        </div>
      )}
      {groups.data?.length === 0 && <p className="card">{m.resources.empty}</p>}
      {!groups.data && !groups.isError && <p>{m.loading}</p>}
      {groups.data?.map((g) => (
        <GroupCard key={g.name} group={g} nodes={nodeNames} onEdit={() => setEditing({ values: groupValues(g), existing: true })} />
      ))}
      <NodePanel nodes={nodes} />
      {nodeNames.length > 0 && <WhatIfPanel nodes={nodeNames} groups={groups.data?.map((g) => g.name) ?? []} />}
    </>
  );
}
