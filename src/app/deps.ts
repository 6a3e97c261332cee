import type { Repository } from '../storage/repository.js';

/** What the use cases need from the outside world; tests pass their own clock and ids. */
export interface AppDeps {
  repository: Repository;
  now: () => Date;
  newId: (prefix: string) => string;
}
