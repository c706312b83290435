import type { Schemas } from '@sfha/contracts';
import { useState, type FormEvent } from 'react';
import { errorText } from '../api/error-text';
import { useSimulateMutation } from '../api/use-resources-queries';
import { ErrorBanner } from '../components/error-banner';
import { fill, useI18n, type Lang } from '../i18n/i18n';
import { simulateBody, type NodeEvent } from './resources-what-if-model';

const seconds = (ms: number, lang: Lang) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ms / 1000);

/** "What if": the scheduler run on the live config with nodes dying, in standby or groups moved; nothing is changed. */
export function WhatIfPanel({ nodes, groups }: { nodes: readonly string[]; groups: readonly string[] }) {
  const { m } = useI18n();
  const t = m.resources.whatIf;
  const [nodeEvents, setNodeEvents] = useState<Record<string, NodeEvent>>({});
  const [moves, setMoves] = useState<Record<string, string>>({});
  const simulate = useSimulateMutation();
  const body = simulateBody(nodeEvents, moves);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body) simulate.mutate(body);
  };
  return (
    <section className="card" aria-labelledby="what-if-title">
      <h2 id="what-if-title">{t.title}</h2>
      <p>{t.intro}</p>
      <form className="what-if-form" onSubmit={submit}>
        {nodes.map((node) => (
          <div key={node} className="what-if-field">
            {/* Labelled by id, not wrapped: a wrapped select's chosen option would join the label's name. */}
            <label htmlFor={`what-if-node-${node}`}>{fill(t.nodeEvent, { node })}</label>
            <select id={`what-if-node-${node}`} value={nodeEvents[node] ?? 'none'} onChange={(e) => setNodeEvents({ ...nodeEvents, [node]: e.target.value as NodeEvent })}>
              <option value="none">{t.nodeNothing}</option>
              <option value="kill">{t.nodeDies}</option>
              <option value="standby">{t.nodeStandby}</option>
            </select>
          </div>
        ))}
        {groups.map((group) => (
          <div key={group} className="what-if-field">
            <label htmlFor={`what-if-group-${group}`}>{fill(t.groupMove, { group })}</label>
            <select id={`what-if-group-${group}`} value={moves[group] ?? ''} onChange={(e) => setMoves({ ...moves, [group]: e.target.value })}>
              <option value="">{t.groupStays}</option>
              {nodes.map((node) => (
                <option key={node} value={node}>
                  {fill(t.groupMovesTo, { node })}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="page-actions">
          <button type="submit" disabled={!body || simulate.isPending}>
            {t.run}
          </button>
          {!body && <span className="muted">{t.pickSomething}</span>}
        </div>
      </form>
      <ErrorBanner message={simulate.error ? errorText(simulate.error, m) : null} />
      {simulate.data && <WhatIfResult result={simulate.data} />}
    </section>
  );
}

function WhatIfResult({ result }: { result: Schemas['SimulationDto'] }) {
  const { m, lang } = useI18n();
  const t = m.resources.whatIf;
  const timing = result.timings;
  const source = (samples: number) => (samples > 0 ? fill(t.measured, { n: samples }) : t.estimated);
  return (
    <div data-testid="what-if-result">
      <h3>{t.resultTitle}</h3>
      {result.steps.length === 0 ? (
        <p>{t.nothingHappens}</p>
      ) : (
        <ol className="what-if-steps">
          {result.steps.map((step, i) => (
            <li key={i} data-kind={step.kind}>
              <span className="muted">{fill(t.at, { s: seconds(step.atMs, lang) })}</span> {step.text[lang]}
            </li>
          ))}
        </ol>
      )}
      {timing && (
        <p className="muted" data-testid="what-if-timings">
          {fill(t.timings, {
            detection: seconds(timing.detectionMs, lang),
            detectionSource: t.estimatedDetection,
            fence: seconds(timing.fenceMs, lang),
            fenceSource: source(timing.fenceSamples),
            start: seconds(timing.startMs, lang),
            startSource: source(timing.startSamples),
          })}
        </p>
      )}
    </div>
  );
}
