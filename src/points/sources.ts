/**
 * The source keys of awards: what each award is for, once. A key is taken by its first award and
 * stays taken after a clawback, so a like, unlike and like again pays once, and a replayed event
 * or a retried request never pays twice.
 */
export const likeSourceKey = (noteId: string, likerId: string) => `LIKE:${noteId}:${likerId}`;
export const collectSourceKey = (noteId: string, collectorId: string) => `COLLECT:${noteId}:${collectorId}`;
export const noteSourceKey = (noteId: string) => `NOTE:${noteId}`;
export const checkInSourceKey = (userId: string, day: string) => `CHECK_IN:${userId}:${day}`;
export const referralSourceKey = (orderId: string) => `ORDER:${orderId}`;
export const groupBuySourceKey = (groupBuyId: string, userId: string) => `GROUP_BUY:${groupBuyId}:${userId}`;
export const reviewSourceKey = (reviewId: string) => `REVIEW:${reviewId}`;
