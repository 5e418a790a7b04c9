/**
 * Several engine fixtures (a sandbox and a provider host each), lent to one scenario at a time.
 * Most of a fault scenario is waiting out a backoff the provider chose (1 to 5 s after a 429),
 * so scenarios run side by side on separate fixtures: a sandbox's faults and a host's
 * process-wide rate-limit pause are never shared between two scenarios.
 */
import { startEngineFixture, type EngineFixture } from "../support/engineFixture";

type Options = Parameters<typeof startEngineFixture>[0];

export class FixturePool {
  private readonly idle: EngineFixture[] = [];
  private readonly waiting: Array<(fixture: EngineFixture) => void> = [];

  private constructor(readonly all: readonly EngineFixture[]) {
    this.idle.push(...all);
  }

  static async start(size: number, options: Options): Promise<FixturePool> {
    const fixtures = await Promise.all(
      Array.from({ length: size }, () => startEngineFixture(options)),
    );
    return new FixturePool(fixtures);
  }

  /** Runs `use` with a fixture of its own, reset, and gives the fixture back afterwards. */
  async with<T>(use: (fixture: EngineFixture) => Promise<T>): Promise<T> {
    const fixture =
      this.idle.pop() ??
      (await new Promise<EngineFixture>((resolve) => this.waiting.push(resolve)));
    try {
      fixture.sandbox.reset();
      return await use(fixture);
    } finally {
      fixture.sandbox.setFaults({});
      const next = this.waiting.shift();
      if (next) next(fixture);
      else this.idle.push(fixture);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((fixture) => fixture.close()));
  }
}
