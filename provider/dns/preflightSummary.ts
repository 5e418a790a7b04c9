/**
 * The one sentence a preflight check reports, for progress lines and timeout errors:
 * 'authoritative nameservers of example.com (ns1.example.com, ns2.example.com) answer CNAME
 * track.example.com -> spgo.io, expected v2.spgo.io'.
 */
import type { ServerAnswer } from "./askServer";

/** One server's answer, under the name the summary gives the server. */
export interface NamedAnswer {
  name: string;
  answer: ServerAnswer;
}

/** What was checked: the domain, the target it should point at, and whether it is proxied. */
export interface CheckedRecord {
  domain: string;
  expectedTarget: string;
  proxied: boolean;
}

/** Whether `answer` shows the record as SparkPost needs it. */
export function answerIsReady(answer: ServerAnswer, record: CheckedRecord): boolean {
  if (answer.kind === "cname") {
    return answer.targets.length > 0 && answer.targets.every((t) => t === record.expectedTarget);
  }
  return answer.kind === "addresses" && record.proxied;
}

/** True when the server answered with something other than the expected record. */
function answerIsWrong(answer: ServerAnswer, record: CheckedRecord): boolean {
  return (answer.kind === "cname" || answer.kind === "addresses") && !answerIsReady(answer, record);
}

/** What the server(s) said, as a predicate that reads after their names. */
function describeAnswer(answer: ServerAnswer, record: CheckedRecord, plural: boolean): string {
  const answers = plural ? "answer" : "answers";
  const have = plural ? "have" : "has";
  switch (answer.kind) {
    case "cname":
      return `${answers} CNAME ${record.domain} -> ${answer.targets.join(", ")}`;
    case "addresses": {
      const addresses = answer.addresses.join(", ");
      return record.proxied
        ? `${answers} ${record.domain} with the proxy addresses ${addresses}`
        : `${answers} ${record.domain} with the addresses ${addresses} instead of a CNAME`;
    }
    case "absent":
      return answer.nameExists
        ? `${have} no CNAME record for ${record.domain} yet`
        : `${have} no record for ${record.domain} yet`;
    case "failed":
      return answer.reason;
  }
}

/**
 * Summarizes the answers of the servers in `group` ("authoritative nameservers of example.com").
 * When all agree: '<group> (<names>) <what they said>'; when they differ, each set of servers that
 * agree gets its own clause: '<group>: ns1 answers ...; ns2 did not answer within 5000 ms'.
 * Not ready and something other than the expected record seen: ', expected <target>' follows.
 */
export function summarizeAnswers(
  group: string,
  answers: NamedAnswer[],
  record: CheckedRecord,
  ready: boolean,
): string {
  const clauses = new Map<string, { names: string[]; answer: ServerAnswer }>();
  for (const { name, answer } of answers) {
    const key = describeAnswer(answer, record, false);
    const clause = clauses.get(key);
    if (clause) clause.names.push(name);
    else clauses.set(key, { names: [name], answer });
  }
  const agreeing = [...clauses.values()];
  let sentence: string;
  if (agreeing.length === 1) {
    // The group is the subject ("nameservers ... answer"), so the verb is plural.
    const [{ names, answer }] = agreeing;
    sentence = `${group} (${names.join(", ")}) ${describeAnswer(answer, record, true)}`;
  } else {
    const parts = agreeing.map(
      ({ names, answer }) =>
        `${names.join(", ")} ${describeAnswer(answer, record, names.length > 1)}`,
    );
    sentence = `${group}: ${parts.join("; ")}`;
  }
  const sawWrongRecord = answers.some(({ answer }) => answerIsWrong(answer, record));
  return !ready && sawWrongRecord ? `${sentence}, expected ${record.expectedTarget}` : sentence;
}
