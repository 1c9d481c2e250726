import type { LambdaFunctionConfig } from '@cdktf/provider-aws/lib/lambda-function';
import { AssetType, TerraformAsset } from 'cdktf';
import type { Construct } from 'constructs';
import type { BundledFunction } from '../../bundler/bundle-function';

/**
 * A bundled zip as a function's code, the same for every function: esbuild targets Node.js 22 on arm64
 * (bundler/bundle-function.ts), so runtime and architecture must say so, and the zip's content
 * hash is what makes Terraform update the code.
 */
export function bundledCode(scope: Construct, assetId: string, bundle: BundledFunction):
  Pick<LambdaFunctionConfig, 'runtime' | 'architectures' | 'handler' | 'filename' | 'sourceCodeHash'> {
  const asset = new TerraformAsset(scope, assetId, { path: bundle.zipPath, type: AssetType.FILE });
  return { runtime: 'nodejs22.x', architectures: ['arm64'], handler: 'index.handler', filename: asset.path, sourceCodeHash: bundle.sourceCodeHash };
}
