import { startFakeClouds } from './index.ts'

/**
 * `pnpm fake-clouds`: serves every fake cloud on PORT / FAKE_CLOUDS_PORT (default 4566)
 * with FAKE_CLOUDS_TIME_SCALE (default 1) and prints where to point the SDKs.
 * The credentials printed are the fixture's fake ones, never real secrets.
 */
const port = Number(process.env.FAKE_CLOUDS_PORT ?? process.env.PORT ?? 4566)
const timeScale = Number(process.env.FAKE_CLOUDS_TIME_SCALE ?? 1)
const host = process.env.FAKE_CLOUDS_HOST ?? '127.0.0.1'

const fake = await startFakeClouds({ port, host, timeScale, log: true })
const lines = [
  `fake clouds listening on ${fake.baseUrl} (time-scale ${fake.clock.factor()})`,
  `  admin API:  ${fake.adminUrl}  (resources, faults, time-scale, reset, accounts)`,
  `  Tencent:    httpProfile { endpoint: '${fake.endpoints.tencent.endpoint}', protocol: '${fake.endpoints.tencent.protocol}' }`,
  `  AWS:        endpoint '${fake.endpoints.aws.endpoint}'`,
  `  vCenter:    ${fake.endpoints.vsphere.endpoint}`,
  '  fake credentials:',
  ...fake.accounts.map((a) => `    ${a.cloud.padEnd(8)} ${a.id} / ${a.secret}  (${a.note})`),
]
process.stdout.write(`${lines.join('\n')}\n`)

const stop = () => {
  fake.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
