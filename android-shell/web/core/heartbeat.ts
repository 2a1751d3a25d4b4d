/**
 * The periodic heartbeat: what a shift supervisor sees of a terminal in the admin console
 * (versions, queue, battery, operator, process, state); its answer names a newer shell release.
 */
import type { DeviceInfo } from '../bridge/contract.js';
import type { ServerClient } from './client.js';

export interface HeartbeatBody {
  shellVersion: string;
  webVersion: string;
  runtimeVersion: string;
  machines: { processKey: string; hash: string }[];
  queue: { backlog: number; rejected: number };
  battery?: { level: number; charging?: boolean };
  wifi?: { connected: boolean; rssi?: number; ssid?: string };
  operatorId?: string;
  processKey?: string;
  state?: string;
  device?: Record<string, string>;
}

export interface ReleaseOffer {
  webVersion?: string;
  version?: string;
  url: string;
  sha256: string;
}

export interface HeartbeatAnswer {
  lastSeenAt?: string;
  update?: ReleaseOffer & { webVersion: string };
  apk?: ReleaseOffer & { version: string };
}

export function heartbeatBody(parts: {
  device: DeviceInfo;
  webVersion: string;
  runtimeVersion: string;
  machines: { processKey: string; hash: string }[];
  backlog: number;
  rejected: number;
  operatorId: string | null;
  processKey: string | null;
  state: string | null;
}): HeartbeatBody {
  const body: HeartbeatBody = {
    shellVersion: parts.device.shellVersion,
    webVersion: parts.webVersion,
    runtimeVersion: parts.runtimeVersion,
    machines: parts.machines,
    queue: { backlog: parts.backlog, rejected: parts.rejected },
    device: { model: parts.device.model, os: parts.device.os, recognizer: parts.device.recognizer },
  };
  if (parts.device.battery !== null) body.battery = parts.device.charging === null ? { level: parts.device.battery } : { level: parts.device.battery, charging: parts.device.charging };
  if (parts.device.wifi !== null) body.wifi = parts.device.wifi;
  if (parts.operatorId) body.operatorId = parts.operatorId;
  if (parts.processKey) body.processKey = parts.processKey;
  if (parts.state) body.state = parts.state;
  return body;
}

export function sendHeartbeat(client: ServerClient, body: HeartbeatBody): Promise<HeartbeatAnswer> {
  return client.json<HeartbeatAnswer>('POST', '/api/terminal/v1/heartbeat', body);
}
