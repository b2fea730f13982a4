// Finds Key Vault references in the text of a workspace file. Pure, linear in the text's length, and
// total: it never throws, whatever the text (workspace files are untrusted input).
//
// The five syntaxes, each scanned by its own module:
//   appServiceUri   @Microsoft.KeyVault(SecretUri=https://<vault-host>/secrets/<name>[/<version>][/])
//   appServiceName  @Microsoft.KeyVault(VaultName=<vault>;SecretName=<name>[;SecretVersion=<version>])
//                   (appServiceReference.ts)
//   azd             akvs://<subscription-id>/<vault>/<name> (azdReference.ts)
//   armReference    "reference": { "keyVault": { "id": ".../providers/Microsoft.KeyVault/vaults/<vault>" },
//                                  "secretName": "<name>"[, "secretVersion": "<version>"] } (armReference.ts)
//   secretId        https://<vault-host>/secrets/<name>[/<version>] (secretId.ts)
// What they find is described in referenceModel.ts. Every offset is a UTF-16 offset into the text (what VS
// Code's positionAt takes).

import { scanAppService } from './appServiceReference';
import { scanArm } from './armReference';
import { scanAzd } from './azdReference';
import type { KeyVaultReference, ParseResult, ReferenceProblem } from './referenceModel';
import { scanSecretIds } from './secretId';

export {
  MAX_REFERENCE_LENGTH,
  type KeyVaultReference,
  type ParseResult,
  type ReferenceProblem,
  type ReferenceSyntax,
  type Span,
  type VaultLocator,
} from './referenceModel';
export { parseSecretId, type SecretIdResult } from './secretId';

export function parseReferences(text: string): ParseResult {
  const references: KeyVaultReference[] = [];
  const problems: ReferenceProblem[] = [];
  if (typeof text !== 'string' || text.length === 0) return { references, problems };
  const appService = scanAppService(text, references, problems);
  scanAzd(text, references, problems);
  scanSecretIds(text, appService, references);
  scanArm(text, references, problems);
  references.sort((a, b) => a.span.start - b.span.start);
  problems.sort((a, b) => a.span.start - b.span.start);
  return { references, problems };
}

/** The reference whose span contains `offset` (ends inclusive, so a cursor just after it counts). */
export function referenceAt(references: readonly KeyVaultReference[], offset: number): KeyVaultReference | undefined {
  return references.find((r) => r.span.start <= offset && offset <= r.span.end);
}

/** The one reference a value is, or undefined when the value is anything else (text around it, two references). */
export function wholeReference(value: string): KeyVaultReference | undefined {
  const text = value.trim();
  const { references } = parseReferences(text);
  const ref = references[0];
  if (ref === undefined || references.length > 1 || ref.span.start !== 0 || ref.span.end !== text.length)
    return undefined;
  return ref;
}
