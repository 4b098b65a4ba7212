import type { ActionHandler } from './context.ts'

/** CAM 2019-01-16 GetUserAppId: the cheapest "are these keys valid" call. */
export const camActions: Record<string, ActionHandler> = {
  GetUserAppId(call) {
    return { Uin: call.account.uin, OwnerUin: call.account.uin, AppId: call.account.appId }
  },
}

/** STS 2018-08-13 GetCallerIdentity: who the keys belong to (needs no permission). */
export const stsActions: Record<string, ActionHandler> = {
  GetCallerIdentity(call) {
    const uin = call.account.uin
    const isRoot = call.account.deny.length === 0
    return {
      Arn: `qcs::cam::uin/${uin}:uin/${uin}`,
      AccountId: uin,
      UserId: uin,
      PrincipalId: uin,
      Type: isRoot ? 'RootAccount' : 'CAMUser',
    }
  },
}
