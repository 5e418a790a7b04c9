/**
 * The engine path for a user's project: an in-process sandbox, and the real dynamic-provider
 * host spawned from the project's own `@pulumi/pulumi` with the project as its working
 * directory, exactly as `pulumi up` runs it there. The stored providers then load whatever the
 * project has installed.
 */
import { startSandbox, type Sandbox } from "../../../sandbox";
import { TEST_API_KEY } from "../../support/engineFixture";
import { HostResource } from "../../support/hostResource";
import { ProviderHost, type Props } from "../../support/providerHost";
import type { ResourceKind } from "../../../provider/resources/providerShim";

export const TRACKING_DOMAIN = "track.example.com";
export const SENDING_DOMAIN = "mail.example.com";

/** One resource of each kind, with the inputs a program declares for them. */
export const FOUR_RESOURCES: readonly { kind: ResourceKind; name: string; args: Props }[] = [
  { kind: "TrackingDomain", name: "tracking-domain", args: { domain: TRACKING_DOMAIN } },
  {
    kind: "TrackingDomainVerification",
    name: "tracking-verification",
    args: { domain: TRACKING_DOMAIN, preflight: "off" },
  },
  { kind: "DefaultTrackingDomain", name: "tracking-default", args: { domain: TRACKING_DOMAIN } },
  {
    kind: "SendingDomainLink",
    name: "tracking-link",
    args: { sendingDomain: SENDING_DOMAIN, trackingDomain: TRACKING_DOMAIN },
  },
];

/** What the SparkPost account holds, as the API lists it. */
export interface AccountSnapshot {
  /** Every tracking domain: "domain verified=… default=… secure=…", sorted. */
  trackingDomains: string[];
  /** The tracking domain `mail.example.com` is linked to, or null. */
  sendingDomainLink: string | null;
}

export class ProjectEngine {
  private constructor(
    readonly sandbox: Sandbox,
    private currentHost: ProviderHost,
    private readonly projectDir: string,
  ) {}

  /** A sandbox that verifies at once and knows mail.example.com, and a host in `projectDir`. */
  static async start(projectDir: string): Promise<ProjectEngine> {
    const sandbox = await startSandbox({
      apiKey: TEST_API_KEY,
      verifyAfterSeconds: 0,
      sendingDomains: [{ domain: SENDING_DOMAIN }],
    });
    try {
      return new ProjectEngine(
        sandbox,
        await ProjectEngine.startHost(projectDir, sandbox),
        projectDir,
      );
    } catch (error) {
      await sandbox.close();
      throw error;
    }
  }

  private static async startHost(projectDir: string, sandbox: Sandbox): Promise<ProviderHost> {
    const host = await ProviderHost.start(
      {
        SPARKPOST_VERIFY_POLL_MS: "50",
        SPARKPOST_API_KEY: undefined,
        SPARKPOST_API_URL: undefined,
        SPARKPOST_REGION: undefined,
        // Nothing but the project's node_modules may serve the host.
        NODE_PATH: undefined,
        NODE_OPTIONS: undefined,
      },
      projectDir,
    );
    await host.configure({ "sparkpost:apiKey": TEST_API_KEY, "sparkpost:apiUrl": sandbox.apiUrl });
    return host;
  }

  get host(): ProviderHost {
    return this.currentHost;
  }

  /** Stops the host, as the engine does at the end of a command; a new one loads fresh code. */
  async restartHost(): Promise<void> {
    await this.currentHost.close();
    this.currentHost = await ProjectEngine.startHost(this.projectDir, this.sandbox);
  }

  async stopHost(): Promise<void> {
    await this.currentHost.close();
  }

  async startHostAgain(): Promise<void> {
    this.currentHost = await ProjectEngine.startHost(this.projectDir, this.sandbox);
  }

  /** A resource as the engine tracks it, whose program serializes its provider as `providerText`. */
  resource(kind: ResourceKind, name: string, providerText: string): HostResource {
    return new HostResource(this.currentHost, providerText, kind, name);
  }

  /** "METHOD /path status" of every request since the last `clearLog()`. */
  requestLines(): string[] {
    return this.sandbox.requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
  }

  async account(): Promise<AccountSnapshot> {
    const response = await fetch(`${this.sandbox.apiUrl}/tracking-domains`, {
      headers: { Authorization: TEST_API_KEY },
    });
    const body = (await response.json()) as {
      results: {
        domain: string;
        default: boolean;
        secure: boolean;
        status: { verified: boolean };
      }[];
    };
    // The listing is a request like any other: keep it out of the log the tests read.
    const logged = this.sandbox.requests.pop();
    if (logged?.method !== "GET" || logged.path !== "/tracking-domains") {
      throw new Error(`expected the listing last in the log, found ${JSON.stringify(logged)}`);
    }
    return {
      trackingDomains: body.results
        .map(
          (entry) =>
            `${entry.domain} verified=${entry.status.verified} default=${entry.default} secure=${entry.secure}`,
        )
        .sort(),
      sendingDomainLink: this.sandbox.sendingDomain(SENDING_DOMAIN)?.trackingDomain ?? null,
    };
  }

  async close(): Promise<void> {
    await this.currentHost.close();
    await this.sandbox.close();
  }
}
