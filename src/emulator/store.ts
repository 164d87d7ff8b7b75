import { SEED_PROFILE } from './seedProfile.js';
import { PROFILE_PROPS } from './validation.js';

type Entity = Record<string, unknown>;

// The write log is for tests and inspection; a long `npm run dev` session must not grow without end.
const MAX_WRITES_KEPT = 100_000;

/** The emulator's in-memory profiles. Values are kept exactly as written, like Graph's store. */
export class ProfileStore {
  private readonly profiles = new Map<string, Entity>();
  /** Every PATCH applied, in order: tests check that nothing was lost or replayed out of order. */
  readonly writes: { readonly id: string; readonly body: Entity }[] = [];

  constructor() {
    this.reset();
  }

  reset(): void {
    this.profiles.clear();
    this.writes.length = 0;
    this.put(structuredClone(SEED_PROFILE) as Entity);
  }

  /** Adds or replaces a whole profile (tests and seeding). */
  put(profile: Entity): void {
    if (typeof profile.id !== 'string') throw new TypeError('a profile needs a string id');
    this.profiles.set(profile.id, structuredClone(profile));
  }

  get(id: string): Entity | undefined {
    const profile = this.profiles.get(id);
    return profile && structuredClone(profile);
  }

  get size(): number {
    return this.profiles.size;
  }

  list(): Entity[] {
    return [...this.profiles.values()].map((p) => structuredClone(p));
  }

  /**
   * Graph's PATCH is a merge: a property left out keeps its value, `null` clears it, a collection or
   * complex value replaces the old one whole. The body was validated before.
   */
  patch(id: string, body: Entity): Entity | undefined {
    const profile = this.profiles.get(id);
    if (!profile) return undefined;
    this.writes.push({ id, body: structuredClone(body) });
    if (this.writes.length > MAX_WRITES_KEPT) this.writes.splice(0, this.writes.length - MAX_WRITES_KEPT);
    for (const [name, value] of Object.entries(body)) {
      if (name.startsWith('@')) continue;
      profile[name] = structuredClone(value);
    }
    // Declared properties keep Graph's order, so answers read like the document's; dynamic ones follow.
    const ordered: Entity = { '@odata.type': '#microsoft.graph.ipSecurityProfile', id };
    for (const name of Object.keys(PROFILE_PROPS)) if (name in profile) ordered[name] = profile[name];
    for (const [name, value] of Object.entries(profile)) if (!(name in ordered) && !name.startsWith('@')) ordered[name] = value;
    this.profiles.set(id, ordered);
    return structuredClone(ordered);
  }
}


