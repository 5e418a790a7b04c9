/** The state file: separate runs (up, refresh, destroy) see one account. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSandbox } from "../../sandbox";
import { call, createTrackingDomain } from "./apiClient";

describe("state file", () => {
  let directory: string;
  let stateFile: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-state-"));
    stateFile = path.join(directory, "state.json");
  });
  afterEach(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("keeps tracking domains, statuses, defaults and links across a restart", async () => {
    const options = {
      stateFile,
      verifyAfterSeconds: 0,
      sendingDomains: [{ domain: "example.com" }],
    };
    const first = await startSandbox(options);
    await createTrackingDomain(first, "track.example.com", { secure: true });
    await call(first, "POST", "/tracking-domains/track.example.com/verify");
    await call(first, "PUT", "/tracking-domains/track.example.com", { body: { default: true } });
    await call(first, "PUT", "/sending-domains/example.com", {
      body: { tracking_domain: "track.example.com" },
    });
    await first.close();

    const second = await startSandbox(options);
    try {
      const reply = await call(second, "GET", "/tracking-domains/track.example.com");
      expect(reply.json).toEqual({
        results: {
          domain: "track.example.com",
          port: 443,
          secure: true,
          default: true,
          status: { verified: true, cname_status: "valid", compliance_status: "valid" },
        },
      });
      // The state file's link wins over the seed, which has none.
      expect(second.sendingDomain("example.com")).toEqual({
        domain: "example.com",
        trackingDomain: "track.example.com",
      });
    } finally {
      await second.close();
    }
  });

  it("rewrites the file after every change, leaving no temporary file behind", async () => {
    const createdAt = Date.UTC(2026, 0, 1);
    const sandbox = await startSandbox({ stateFile, clock: () => createdAt });
    try {
      await createTrackingDomain(sandbox, "track.example.com", { subaccount: 2 });
      expect(JSON.parse(fs.readFileSync(stateFile, "utf8"))).toEqual({
        trackingDomains: [
          {
            domain: "track.example.com",
            secure: false,
            default: false,
            status: { verified: false, cname_status: "pending", compliance_status: "pending" },
            subaccountId: 2,
            createdAt,
          },
        ],
        sendingDomains: [],
      });
      await call(sandbox, "DELETE", "/tracking-domains/track.example.com", { subaccount: 2 });
      expect(JSON.parse(fs.readFileSync(stateFile, "utf8"))).toEqual({
        trackingDomains: [],
        sendingDomains: [],
      });
      expect(fs.readdirSync(directory)).toEqual(["state.json"]);
    } finally {
      await sandbox.close();
    }
  });

  it("refuses to start from a damaged file, saying how to recover", async () => {
    fs.writeFileSync(stateFile, "{ not json");
    await expect(startSandbox({ stateFile })).rejects.toThrow(
      `Sandbox state file ${stateFile} is not valid JSON: delete it to start from an empty account.`,
    );
  });

  it("refuses a file without the account's lists", async () => {
    fs.writeFileSync(stateFile, "{}");
    await expect(startSandbox({ stateFile })).rejects.toThrow(
      `Sandbox state file ${stateFile} lacks trackingDomains or sendingDomains: delete it to start from an empty account.`,
    );
  });

  it("starts empty when the file does not exist yet, and creates it at the first change", async () => {
    const sandbox = await startSandbox({ stateFile });
    try {
      expect(fs.existsSync(stateFile)).toBe(false);
      expect((await call(sandbox, "GET", "/tracking-domains")).json).toEqual({ results: [] });
      await createTrackingDomain(sandbox, "track.example.com");
      expect(fs.existsSync(stateFile)).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
