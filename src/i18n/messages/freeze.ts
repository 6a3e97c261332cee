import { defineMessages } from '../catalogue.js';

/** A trial's lifecycle: its card on the trials list; closed (frozen) trials' banner, close and reopen controls, refusal page. */
export default defineMessages({
  en: {
    'freeze.banner': 'This trial is closed and frozen since {when} — nothing in it can change.',
    'freeze.bannerNoSnapshot': 'This trial is closed and frozen — nothing in it can change.',
    'freeze.snapshot': 'Snapshot SHA-256',
    'freeze.adminCan': 'An admin can reopen it.',
    'freeze.verify': 'Check the data against the snapshot',
    'freeze.close': 'Close trial',
    'freeze.closeHint':
      'Closing freezes the trial: its data, vendors, probes and ratings can no longer change, and a SHA-256 of its data is recorded so any report can be checked against it. Only an admin can reopen it.',
    'freeze.closeConfirm':
      'Close and freeze this trial? Nothing in it can change afterwards; only an admin can reopen it.',
    'freeze.reopen': 'Reopen (admin)',
    'freeze.reopenTo': 'Reopen as',
    'error.frozen': 'This trial is closed',
    'error.frozenText':
      'The trial is closed (frozen): its data cannot change, so nothing was saved. An admin can reopen it to make changes.',
    'error.useClose': 'Close the trial with “Close trial” on its dashboard, which records its snapshot.',
    'lifecycle.leader': 'Leader: {name} ({score})',
    'lifecycle.noLeader': 'No leader yet',
    'lifecycle.openBreaches': '{count} open breaches',
    'lifecycle.openBreaches.one': '1 open breach',
    'lifecycle.noBreaches': 'No open breaches',
  },
  'zh-CN': {
    'freeze.banner': '此试用已于 {when} 结束并冻结——其中的数据不能再修改。',
    'freeze.bannerNoSnapshot': '此试用已结束并冻结——其中的数据不能再修改。',
    'freeze.snapshot': '快照 SHA-256',
    'freeze.adminCan': '管理员可以重新开启它。',
    'freeze.verify': '将数据与快照核对',
    'freeze.close': '结束试用',
    'freeze.closeHint':
      '结束即冻结试用：其数据、厂商、探测工单和评分都不能再修改，并记录数据的 SHA-256，任何报告都可据此核对。只有管理员可以重新开启。',
    'freeze.closeConfirm': '结束并冻结此试用？之后其中的数据都不能再修改，只有管理员可以重新开启。',
    'freeze.reopen': '重新开启（管理员）',
    'freeze.reopenTo': '重新开启为',
    'error.frozen': '此试用已结束',
    'error.frozenText': '此试用已结束（冻结）：数据不能修改，本次操作未保存。管理员可以重新开启后再修改。',
    'error.useClose': '请在试用概览页用“结束试用”来结束，这样会记录快照。',
    'lifecycle.leader': '领先：{name}（{score}）',
    'lifecycle.noLeader': '暂无领先厂商',
    'lifecycle.openBreaches': '{count} 个未结超时',
    'lifecycle.openBreaches.one': '{count} 个未结超时',
    'lifecycle.noBreaches': '无未结超时',
  },
});
