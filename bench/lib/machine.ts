import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** The machine a benchmark ran on, for results.json and the README table. */
export type MachineInfo = {
  cpu: string;
  cores: number;
  memoryGb: number;
  freeMemoryGb: number;
  node: string;
  platform: string;
  date: string;
  /** 1 / 5 / 15 minute load averages when the run started and ended */
  loadStart: number[];
  loadEnd?: number[];
};

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: (list[0]?.model ?? 'unknown').trim(),
    cores: list.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function loadNow(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}
