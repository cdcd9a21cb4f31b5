import type { AllocationChannel } from "./allocation-channel.js";

/**
 * The channels of a run folded into allocation participants: a quantity
 * group (several channels on one Amazon unified account) counts once, placed
 * where its first member is listed and allocated with that member's ratio.
 */
export interface Participants {
  readonly count: number;
  /** Index of each participant's first listed channel. */
  readonly leaders: Int32Array;
  /** Participant index of each channel, in channel order. */
  readonly ofChannel: Int32Array;
}

/** Folds channels in configuration order into participants. */
export function foldParticipants(
  channels: readonly AllocationChannel[],
): Participants {
  const leaders = new Int32Array(channels.length);
  const ofChannel = new Int32Array(channels.length);
  const byGroup = new Map<string, number>();
  let count = 0;
  channels.forEach((channel, index) => {
    const group = channel.group ?? null;
    const known = group === null ? undefined : byGroup.get(group);
    if (known !== undefined) {
      ofChannel[index] = known;
      return;
    }
    if (group !== null) byGroup.set(group, count);
    leaders[count] = index;
    ofChannel[index] = count;
    count += 1;
  });
  return { count, leaders: leaders.subarray(0, count), ofChannel };
}
