/** Types of scripts/trimModel.mjs (plain Node ESM, so TypeScript callers need this declaration). */

export interface SmithyMemberRef {
  target: string;
  traits?: Record<string, unknown>;
}

export interface TrimmedSmithyShape {
  type: string;
  input?: SmithyMemberRef;
  output?: SmithyMemberRef;
  errors?: { target: string }[];
  member?: SmithyMemberRef;
  key?: SmithyMemberRef;
  value?: SmithyMemberRef;
  members?: Record<string, SmithyMemberRef>;
  traits?: Record<string, unknown>;
}

export interface BotocoreOperationFacts {
  deprecated: boolean;
  deprecatedSince?: string;
}

export interface BotocoreVoiceConnectorIdFacts {
  type: string;
  pattern?: string;
  min?: number;
  max?: number;
  /** `Structure$Member` of the operations' inputs (transitively) that target botocore's VoiceConnectorId. */
  inputMembers: string[];
  /** Same, for the operations' outputs. */
  outputMembers: string[];
}

/** test/fixtures/proxy-session-model.json */
export interface TrimmedModel {
  botocore: {
    operations: Record<string, BotocoreOperationFacts>;
    shapes: { VoiceConnectorId: BotocoreVoiceConnectorIdFacts };
  };
  /** Smithy JSON AST shapes, keyed by absolute shape id, with only constraint-relevant traits. */
  shapes: Record<string, TrimmedSmithyShape>;
  smithy: string;
}

export declare const NAMESPACE: string;
export declare const OPERATIONS: readonly string[];
export declare const KEPT_TRAITS: readonly string[];
export declare const BOTOCORE_VOICE_CONNECTOR_ID: string;
export declare const SMITHY_FILE: string;
export declare const BOTOCORE_FILE: string;
export declare const FIXTURE_PATH: string;

/** Pure: the trimmed fixture for a parsed Smithy JSON AST and a parsed botocore service-2 JSON. */
export declare function trimModel(smithyJson: unknown, botocoreJson: unknown): TrimmedModel;
/** The fixture file's exact text (canonical key order, 2-space JSON, trailing newline). */
export declare function serializeModel(trimmed: TrimmedModel): string;
/** CLI entry: writes the fixture from `argv[0]` (reference dir) or ../shared/reference. */
export declare function main(argv?: string[]): void;
