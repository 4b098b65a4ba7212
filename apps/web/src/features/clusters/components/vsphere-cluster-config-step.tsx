import { Select } from '../../../ui/select.tsx'
import { useVsphereDatacenterList, useVsphereDatacenters } from '../hooks/use-vsphere-inventory.ts'
import { newVsphereDomain, type VsphereDraft } from '../utils/vsphere-draft.ts'
import type { StepProps } from './step-props.ts'
import { TextAreaField } from './textarea-field.tsx'

/** A drop-down of names answered by vCenter through the gateway, with its loading and failure states. */
export function VcenterSelect({
  label,
  query,
  value,
  waitingFor,
  error,
  onChange,
}: {
  label: string
  query: { data?: ReadonlyArray<{ name: string }>; isLoading: boolean; isError: boolean }
  value: string
  /** What must be chosen first (the drop-down is empty until then). */
  waitingFor?: string
  error: string | undefined
  onChange: (value: string) => void
}) {
  const placeholder = waitingFor
    ? `Choose a ${waitingFor} first`
    : query.isLoading
      ? 'Asking vCenter…'
      : query.isError
        ? 'vCenter did not answer (is the gateway Running?)'
        : `Select a ${label}`
  return (
    <Select
      label={label}
      required
      placeholder={placeholder}
      options={(query.data ?? []).map((i) => ({ value: i.name, label: i.name }))}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  )
}

/**
 * VMware **Cluster Config**: **Datacenter** and **Folder** (from vCenter, through the account's gateway),
 * **SSH Keys**, **NTP Server** and the **IP Allocation strategy** (DHCP or Static IP).
 */
export function VsphereClusterConfigStep({ draft, update, errorOf }: StepProps<VsphereDraft>) {
  const account = draft.cloudAccountUid
  const datacenters = useVsphereDatacenters(account)
  const folders = useVsphereDatacenterList(account, 'folders', draft.datacenter)
  const at = 'spec.cloudConfig'
  return (
    <div className="form-grid">
      <VcenterSelect
        label="Datacenter"
        query={datacenters}
        value={draft.datacenter}
        error={errorOf(`${at}.placement.datacenter`)}
        onChange={(datacenter) =>
          // Folders and every placement domain belong to the datacenter: they are chosen again.
          update(
            {
              datacenter,
              folder: '',
              pools: draft.pools.map((p) => ({ ...p, domains: p.domains.map(() => newVsphereDomain()) })),
            },
            `${at}.placement.datacenter`,
          )
        }
      />
      <VcenterSelect
        label="Folder"
        query={folders}
        value={draft.folder}
        waitingFor={draft.datacenter ? undefined : 'Datacenter'}
        error={errorOf(`${at}.placement.folder`)}
        onChange={(folder) => update({ folder }, `${at}.placement.folder`)}
      />
      <TextAreaField
        label="SSH Keys"
        rows={3}
        hint="One OpenSSH public key per line (ssh-ed25519 …, ssh-rsa …): put on every node."
        value={draft.sshKeys}
        onChange={(e) => update({ sshKeys: e.target.value }, `${at}.sshKeys`)}
        error={errorOf(`${at}.sshKeys`, true)}
      />
      <TextAreaField
        label="NTP Server"
        rows={2}
        hint="Optional: one host name or address per line."
        value={draft.ntpServers}
        onChange={(e) => update({ ntpServers: e.target.value }, `${at}.ntpServers`)}
        error={errorOf(`${at}.ntpServers`, true)}
      />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">IP Allocation strategy</legend>
        {(
          [
            [false, 'DHCP'],
            [true, 'Static IP'],
          ] as const
        ).map(([staticIp, label]) => (
          <label key={label} className="radio">
            <input
              type="radio"
              name="vsphere-ip-allocation"
              checked={draft.staticIp === staticIp}
              onChange={() => update({ staticIp }, `${at}.staticIp`)}
            />{' '}
            {label}
          </label>
        ))}
        <p className="field__hint">
          Static IP: every placement domain takes its nodes' addresses from an IP pool of the account's gateway.
        </p>
      </fieldset>
    </div>
  )
}
