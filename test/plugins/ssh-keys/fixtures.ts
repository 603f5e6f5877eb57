/** Public keys made with ssh-keygen, and the fingerprints `ssh-keygen -lf` printed for them. */
export const KEYS = {
  alice: {
    line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJSzKULmCV4YawFFhmy3jq/QylSw/NYLVMGzKgJRnQ9m alice@laptop",
    fingerprint: "SHA256:dbvDPwWFRQ7VkYQTiwmDpbnIDFprWnSPDqAzJzvLgZI",
  },
  bob: {
    line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFe9Vnmbd6tAThspfYAZArUEh8VjpjdmF7kfSX48cTkk bob",
    fingerprint: "SHA256:PHdb+gWM7KEwFj1lgYNxqdb4s/tMbNwcTk6fzt0XTcE",
  },
  carol: {
    line: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDRFcicuyLlihbSad/BjzLoQEsAton64NX+aTx4ByMg2bHByV2zHv076IYRBtLzCYStCVx/xI/02Q6LEANgRWX8D3BYcHX8Q+PVBYeu2FHwX0C9hB9FIebf0P7p2Usmm9JKf6gkhaD767Ko+DhbFwVx0Bea399Pe/w7d+fQWLg+TT4YO3u29w8ZkgY4heHyfsyMRjWpDv7KBF4zxGbgVopSvTzA6NitL5RMAWl5Tie3yi7KfKYOPeIwANyLm4q1FaqtwZhWBpLU92RsGcwrFfTe25O/SAn2QGX1/SlBLNxDiMv2D5pLrjxUuXvIsScUNB/V1f/GgEXttWsjqTXQYt83 carol rsa key",
    fingerprint: "SHA256:motHXmMrOOd5KTZn702rptDs0APv49ehk9zo/P4dpng",
  },
  p256: {
    line: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOdTq9l25AyF0ZLqlZ+EGLQm4XTpg7/ZvZ3MTZ3n4b5wXnwBCQNz6tiW6hsnQWwfpICyZUNNiSo/b7I33982SFI=",
    fingerprint: "SHA256:JKygJogCIhMTFHGW9ROZfyS+4Cw5SwTFwE8YrbsllnE",
  },
  p384: {
    line: "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBJ/p0Cz50haEz9qWblJ0iHusmdtpY52zDTIJ4jn3/Dg1EWKb1ZTEcLaEpp+WFPUdx/23TQelDh2p3/0iTPg1mtN0VV/6lGrqTctq9CSICgw8IV/B52qZpWoS8dgPjrqbvg== p384",
    fingerprint: "SHA256:203fZjsCXxYC/TthUhMjOxT/n0W3oZqKRmz97PRlEoU",
  },
  p521: {
    line: "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAFgE2AZlOB+U6Ma49FILp3LK16WTeYjv/VE8Mu9Rzy4r5ZWdr3Ole+FO3xPoolPy1A8QPdfDF/J/gdzdXFxQtte0QBP9GbxvL2Ra4k337af/K2PFS24fOEBR3dcjuEMWmRYzoRxjIaF+e+8+6vuU4EfC6hxn8Bx4ZaA+aN/uI0vbpenFQ== p521",
    fingerprint: "SHA256:BLUpWDf4Xth7fmvk6Z477D29A177CRC3I7NhjvRyVSU",
  },
} as const;

/** A line sshcommand (Dokku's own ssh-keys) wrote, from sshcommand's test fixtures. */
export const SSHCOMMAND_LINE =
  'command="FINGERPRINT=SHA256:y/lCsvs2fCWjcYc0whZFYQ3UX/OO2qv+n6wE7D9dCeI NAME=\\"sha256\\" `cat /home/dokku/.sshcommand` $SSH_ORIGINAL_COMMAND",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding ssh-rsa AAAAB3NzaC1yc2EAAAABIwAAAQEA1F98keUFBulWE04RO2+wv3bXASs3TeBXZwG7l4/DKAGc8Qx+U0wb8hZNRtPo2cZP2NRBnVRe6hYEHhr++ocDkPjWY1vggJu/nhubqVELVg+gblpC3rYJur6c4uoTUx/Ea1JzHZ9CKhQJRUj7t6KDfDYv8CM7mgS71QdL/YifTjDeIqXiaSRnb0Q2HkuKQQ5yxT0TLwN3chp4WfVqYcbWvnjUk23IfKAos/1e7F3DOMvO+gU8OYyV17iXVB2Bmb5YZodEYeomprL+yfeh5Qa8Kswo+fYRKJ+9SLYVAVNGxbpktUyv+DlLxuRD4AsGDWKuDqk5U3O6cK3CNQWYUGSVew== sha256';

/** Builds an SSH wire-format blob from strings and byte arrays, each length-prefixed. */
export function blob(...fields: (string | Uint8Array)[]): string {
  const parts = fields.map((field) => {
    const bytes = typeof field === "string" ? Buffer.from(field, "latin1") : Buffer.from(field);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  });
  return Buffer.concat(parts).toString("base64");
}

/** The wire-format fields of a key line, for building variants of real keys. */
export function fields(line: string): Uint8Array[] {
  const data = Buffer.from(line.split(" ")[1] as string, "base64");
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < data.length; ) {
    const length = data.readUInt32BE(offset);
    out.push(data.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return out;
}

/** `$DOKKU_ROOT/.ssh/authorized_keys` of temp roots. */
export function authorizedKeysOf(env: Readonly<Record<string, string | undefined>>): string {
  return `${sshDirOf(env)}/authorized_keys`;
}

export function sshDirOf(env: Readonly<Record<string, string | undefined>>): string {
  if (!env.DOKKU_ROOT) throw new Error("DOKKU_ROOT is not set");
  return `${env.DOKKU_ROOT}/.ssh`;
}

export const KEY_OPTIONS = "no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding";

/** The line ssh-keys:add writes for a key, with the compiled binary as the forced command. */
export function managedLine(name: string, key: { line: string; fingerprint: string }, executable: string): string {
  return `command="FINGERPRINT=${key.fingerprint} NAME=${name} ${executable}",${KEY_OPTIONS} ${key.line}`;
}
