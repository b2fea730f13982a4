// The Azure packages, each imported on first use and then held: activation loads none of them, and a hot path (one
// import per subscription listed, per client made) does not go back through the module loader. A dynamic import of a
// module already loaded still resolves its specifier each time, which under loader hooks (the extension host's, a
// test runner's) costs as much as the request it precedes.

import { sharedOnce } from '../shared/concurrency';

export const loadCorePipeline = sharedOnce(() => import('@azure/core-rest-pipeline'));
export const loadIdentity = sharedOnce(() => import('@azure/identity'));
export const loadKeyVaultSecrets = sharedOnce(() => import('@azure/keyvault-secrets'));
export const loadSubscriptions = sharedOnce(() => import('@azure/arm-resources-subscriptions'));
export const loadKeyVaultManagement = sharedOnce(() => import('@azure/arm-keyvault/api'));
export const loadVaultOperations = sharedOnce(() => import('@azure/arm-keyvault/api/vaults'));
export const loadKeyVaultCertificates = sharedOnce(() => import('@azure/keyvault-certificates'));
export const loadKeyVaultKeys = sharedOnce(() => import('@azure/keyvault-keys'));
