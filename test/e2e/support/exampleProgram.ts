/**
 * Runs an example's index.ts as a program, afresh on every call: its top-level code declares the
 * resources and its exports are the stack outputs, so each preview or up must evaluate it again.
 * jest's module registry would hand back the first evaluation, and `jest.isolateModules` would
 * load a second copy of @pulumi/pulumi, whose protobuf messages the first copy's engine connection
 * refuses ("Expected argument of type pulumirpc.RegisterResourceRequest"). So the source is
 * compiled here and evaluated with this module's `require`, sharing every loaded module.
 */
import * as fs from "node:fs";
import * as ts from "typescript";

export function runExampleProgram(file: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the example's compiled source
  new Function("require", "module", "exports", outputText)(require, module, module.exports);
  return module.exports;
}
