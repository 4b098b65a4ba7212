import type { CloudContext } from '../core/types.ts'
import type { AwsCall } from './call.ts'
import { seedEc2Region } from './ec2/seed.ts'
import type { AwsFixture } from './fixture.ts'

/** Seed every account in every region of the fixture. */
export function seedAws(ctx: CloudContext, fixture: AwsFixture): void {
  for (const account of fixture.accounts) {
    for (const region of Object.keys(fixture.regions)) {
      const call: AwsCall = { ctx, fixture, account, region, requestId: 'seed' }
      seedEc2Region(call)
    }
  }
}
