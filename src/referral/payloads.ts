import { Field, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import type { ShareLinkRecord } from './repository';
import { ShareChannel, ShareLink, ShareTargetInput } from './types';

@InputType({ description: 'What to share, and where.' })
export class ShareInput {
  @Field(() => ShareTargetInput, { description: 'The note, product or group shared: exactly one of its fields.' })
  target!: ShareTargetInput;

  @Field(() => ShareChannel, { description: 'The channel the link is shared on.' })
  channel!: ShareChannel;

  @Field(() => String, { nullable: true, description: 'A campaign tag such as "double11-2026" (2 to 40 of a-z 0-9 - _); campaign commission rates then apply.' })
  campaign?: string | null;
}

@ObjectType({ description: 'The result of share.' })
export class SharePayload extends MutationPayload {
  @Field(() => ShareLink, { nullable: true, description: 'The share link (the existing one when the target was shared on the channel before); null when refused.' })
  shareLink!: ShareLinkRecord | null;
}

@InputType({ description: 'A visit through a share link.' })
export class OpenShareLinkInput {
  @Field(() => String, { description: 'The share code of the link opened (ShareLink.code, 10 letters and digits); an unknown one is NOT_FOUND.' })
  shareCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'An anonymous visitor id (8 to 64 of A-Z a-z 0-9 - _), required when not signed in. Pass the same visitorId to signUp to credit the invite.',
  })
  visitorId?: string | null;
}

@ObjectType({ description: 'The result of openShareLink.' })
export class OpenShareLinkPayload extends MutationPayload {
  @Field(() => ShareLink, { nullable: true, description: 'The share link opened; null when refused.' })
  shareLink!: ShareLinkRecord | null;
}
