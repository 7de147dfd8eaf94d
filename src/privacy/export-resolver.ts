import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Scope } from '../accounts/scope';
import type { PayloadResult } from '../common/user-errors';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { RequestDataExportInput, RequestDataExportPayload } from './payloads';
import { DataExportConnection } from './types';
import { DATA_EXPORT_TTL_DAYS, DataExportService } from './exports';

@Resolver()
export class DataExportResolver {
  constructor(readonly exports: DataExportService) {}

  @Mutation(() => RequestDataExportPayload, {
    description: `Starts writing an archive of everything about the viewer, as one JSON file: profile and consents, notes, comments, likes, collects and collections, whom they follow and who follows them, orders, commissions, share links, group memberships, conversations and their messages, points, badges, reviews, live-room comments, the consent trail and security events. Of other people it holds only ids and handles (follows, conversation members) and the messages of the viewer's conversations. At most one per UTC day (DAILY_LIMIT_REACHED); the archive can be downloaded for ${DATA_EXPORT_TTL_DAYS} days. Recorded as a DATA_EXPORT_REQUESTED security event.`,
  })
  async requestDataExport(
    @Ctx() ctx: Scope,
    @Arg('input', () => RequestDataExportInput, { description: 'The retry key.' }) input: RequestDataExportInput,
  ): Promise<PayloadResult<RequestDataExportPayload>> {
    return { dataExport: this.exports.present(await this.exports.request(ctx, input.idempotencyKey)) };
  }

  @Query(() => DataExportConnection, { description: "The viewer's data exports, newest first, with their status and, while READY, the download address." })
  dataExports(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `Default 20, at most ${MAX_PAGE_SIZE}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.exports.list(ctx, first, after);
  }
}
