// Content type -> VS Code language id, for value documents (pure).

import { extensionForContentType } from './secretUri';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.json': 'json',
  '.xml': 'xml',
  '.yaml': 'yaml',
  '.md': 'markdown',
  '.html': 'html',
  '.css': 'css',
  '.js': 'javascript',
  '.sh': 'shellscript',
  '.ini': 'ini',
  '.properties': 'properties',
  '.sql': 'sql',
  '.toml': 'plaintext',
  '.csv': 'plaintext',
  '.pem': 'plaintext',
  '.txt': 'plaintext',
};

/** The language for a content type, or undefined when none is set (keep what VS Code chose). */
export function languageForContentType(contentType: string | undefined): string | undefined {
  if (contentType === undefined || contentType.trim() === '') return undefined;
  return BY_EXTENSION[extensionForContentType(contentType)] ?? 'plaintext';
}
