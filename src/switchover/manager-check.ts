import { StmsError } from '../errors.js';

/**
 * The first step of a switchover from A to B (docs/commands/switchover.md): B's getHAMsg must say
 * it is the manager (the platform flips the role; stms never does) and A's, when A answers, that
 * it is not. Anything else refuses the whole switchover before any job is touched (exit 4), naming
 * what each cluster said; A not answering refuses it too (exit 5) unless `--unplanned`. Pure.
 */

export type HaAnswer = { answered: true; whetherManager: boolean; clusterName: string } | { answered: false; message: string };

export interface ManagerCheck {
  /** A did not answer: the switchover goes on without it (`--unplanned`). */
  fromDown: boolean;
}

export function checkManagers(from: string, to: string, fromSaid: HaAnswer, toSaid: HaAnswer, unplanned: boolean): ManagerCheck {
  const said = (cluster: string, answer: HaAnswer) => (answer.answered ? `${cluster}'s getHAMsg says whetherManager=${answer.whetherManager} (clusterName ${answer.clusterName})` : `${cluster} does not answer (${answer.message})`);
  const both = `${said(to, toSaid)}; ${said(from, fromSaid)}`;
  if (!toSaid.answered) {
    throw new StmsError('REMOTE', `stms switchover: ${said(to, toSaid)}; nothing was changed`, { hint: `Check that ${to} is up before moving jobs to it.` });
  }
  if (!toSaid.whetherManager || (fromSaid.answered && fromSaid.whetherManager)) {
    throw new StmsError('HA_POLICY', `stms switchover refused: ${both}: ${to} must be the manager and ${from} not; nothing was changed`, {
      hint: `The platform moves the manager role (wds.streamis.highavailable.cluster.manager); run the switchover once ${to} says whetherManager=true and ${from} false.`,
    });
  }
  if (!fromSaid.answered && !unplanned) {
    throw new StmsError('REMOTE', `stms switchover refused: ${both}; Streamis on ${from} not answering does not prove that the Flink application on its YARN stopped, and two copies writing the same sinks is worse than a late one; nothing was changed`, {
      hint: `Make sure the job no longer runs on ${from}, then pass --unplanned --reason "<why>" (recorded in the journal and the result).`,
    });
  }
  return { fromDown: !fromSaid.answered };
}
