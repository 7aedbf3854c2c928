/** The lifecycle table written as docs/engine.md shows it (a test checks that the page carries this exact text). */
import { EVENT_TYPES, ruleFor } from '../../app/engine/lifecycle';
import { PHASES } from '../../app/engine/phase';

/** Every arrow: phase, event, the phases it can lead to. */
function arrows(): { from: string; event: string; to: readonly string[] }[] {
  return PHASES.flatMap((from) =>
    EVENT_TYPES.flatMap((event) => {
      const rule = ruleFor(from, event);
      return rule ? [{ from, event, to: rule.to }] : [];
    }),
  );
}

/** A Markdown table, one row per arrow. */
export function lifecycleTable(): string {
  const rows = arrows().map(
    (a) => `| \`${a.from}\` | \`${a.event}\` | ${a.to.map((t) => `\`${t}\``).join(' or ')} |`,
  );
  return ['| phase | event | next phase |', '| --- | --- | --- |', ...rows].join('\n');
}

/** A Mermaid state diagram of the arrows that change the phase (the table also lists those that stay). */
export function lifecycleMermaid(): string {
  const lines = arrows().flatMap((a) =>
    a.to.filter((t) => t !== a.from).map((t) => `  ${a.from} --> ${t}: ${a.event}`),
  );
  return ['```mermaid', 'stateDiagram-v2', '  [*] --> stopped', ...lines, '```'].join('\n');
}

/** Markdown with table padding removed, as Prettier may re-align the table on the page. */
export const unpadded = (md: string): string => md.replace(/ *\| */g, '|').replace(/-{3,}/g, '---');
