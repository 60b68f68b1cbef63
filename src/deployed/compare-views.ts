import { diffMeta, type Level, type MetaChange } from './diff.js';
import type { JobView } from './server-view.js';

/**
 * The job as the cluster holds it (undefined: not there) against the view of the rendered
 * meta.json. Only what could be read back is compared, and the comment only when meta.json
 * gives one (the server writes its own otherwise).
 */
export function compareViews(view: JobView | undefined, nextView: JobView, levelOf: (pointer: string) => Level): MetaChange[] {
  const next = { ...nextView };
  const deployed: JobView | undefined = view ? { ...view } : undefined;
  if (deployed) {
    if (next.comment === undefined) delete deployed.comment;
    if (deployed.jobContent === undefined) delete next.jobContent;
    if (deployed.jobConfig === undefined) delete next.jobConfig;
  }
  return diffMeta(deployed, next, levelOf, { scalarsAsText: true });
}
