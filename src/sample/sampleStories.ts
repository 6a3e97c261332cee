/** The sample trial's scenarios and vendor stories (all vendor names are fictional). */
import type { Scenario } from '../domain/schemas.js';
import type { VendorStory } from './sampleTrial.js';

type ScenarioTemplate = Pick<Scenario, 'title' | 'description' | 'severity' | 'category' | 'difficulty'>;

export const SAMPLE_SCENARIOS = {
  outage: {
    title: 'Stream push fails for all users in the East China region',
    description:
      'From 10:00 every publisher in East China gets error 1003 on push; viewers see black screens. 华东区推流全部失败。',
    severity: 'P0',
    category: 'server-outage',
    difficulty: 'known',
  },
  androidAudio: {
    title: 'Silent audio capture on a customised Android ROM',
    description:
      'On one phone brand with a customised permission system, the microphone records silence after the app returns from background.',
    severity: 'P1',
    category: 'compatibility',
    difficulty: 'hard',
  },
  echo: {
    title: 'Echo in 1v1 calls on Bluetooth headsets',
    description:
      'Remote side hears its own voice when the local user wears a Bluetooth headset; AEC seems off on the Bluetooth route. 蓝牙耳机回声。',
    severity: 'P1',
    category: 'av-quality',
    difficulty: 'hard',
  },
  packetLoss: {
    title: 'Video stutters above 20% packet loss',
    description:
      'Weak-network test: at 20–30% loss the video freezes for 2–3 s; competitors stay smooth at the same loss.',
    severity: 'P2',
    category: 'network',
    difficulty: 'known',
  },
  sdkCrash: {
    title: 'iOS crash after upgrading the SDK from 4.2 to 4.3',
    description: 'Crash on leaveChannel in 4.3.0 on iOS 17; stack trace attached.',
    severity: 'P2',
    category: 'sdk-version',
    difficulty: 'known',
  },
  tokenDocs: {
    title: 'Token-expiry callback not documented',
    description:
      'The docs do not say when onTokenPrivilegeWillExpire fires or how to renew without dropping the call.',
    severity: 'P3',
    category: 'integration-docs',
    difficulty: 'known',
  },
  billing: {
    title: 'Usage bill shows duplicated minutes',
    description: 'October bill counts the same 1v1 calls twice for transcoding minutes. 账单分钟数重复。',
    severity: 'P2',
    category: 'billing-account',
    difficulty: 'known',
  },
  coHost: {
    title: 'Co-hosting invitation fails intermittently',
    description: 'About 5% of co-host invitations time out in live rooms with more than 2,000 viewers.',
    severity: 'P1',
    category: 'functional',
    difficulty: 'known',
  },
} as const satisfies Record<string, ScenarioTemplate>;

export type ScenarioKey = keyof typeof SAMPLE_SCENARIOS;

const nimbus: VendorStory = {
  key: 'nimbus',
  name: 'NimbusRTC',
  product: 'Nimbus Voice & Video SDK 5',
  supportPlan: { name: 'Enterprise', annualCost: 120000, currency: 'CNY' },
  contact: 'Dana Wu, customer success',
  notes: 'Solid all round: engineers answer, dig into logs and fix. Dedicated chat group from day one.',
  sla: {
    source: { document: 'Nimbus Enterprise Support SLA', version: '2026.2' },
    severityDefinitions: true,
    responseTargets: {
      P0: { minutes: 15, coverage: '24x7' },
      P1: { minutes: 30, coverage: '24x7' },
      P2: { minutes: 120, coverage: 'business' },
      P3: { minutes: 480, coverage: 'business' },
    },
    resolutionTargets: { P0: { minutes: 240 }, P1: { minutes: 1440 } },
    updateCadence: { P0: { minutes: 30 }, P1: { minutes: 120 } },
    escalationPath: [
      { level: 'L2 media engineer', contact: 'l2-oncall@nimbus.example', afterMinutes: 30 },
      { level: 'Engine team lead', contact: 'engine-lead@nimbus.example', afterMinutes: 120 },
      { level: 'VP Engineering', contact: 'vp-eng@nimbus.example', afterMinutes: 480 },
    ],
    serviceCredits: {
      offered: true,
      terms: '10% of the monthly fee per breached P0/P1 response, capped at 50%',
    },
    channels: { hotline24x7: true, ticketPortal: true, imGroup: true, email: true, dedicatedCsm: true },
    proactiveReports: true,
    rcaCommitment: true,
    quotes: [
      { ref: '§3.1', text: 'P0: first response by an on-duty engineer within 15 minutes, 24x7.' },
      { ref: '§6.2', text: 'Written root-cause analysis within 5 business days of any P0 incident.' },
    ],
  },
  probes: [
    {
      scenario: 'outage',
      channel: 'hotline',
      sentAt: [1, '10:00'],
      vendorRef: 'NB-20431',
      ratings: { communication: 5 },
      events: [
        [[1, '10:08'], 'ack', 'On-duty engineer on the call, collecting the affected stream ids.', 'L2'],
        [
          [1, '10:30'],
          'diagnosis',
          'Media server overload in the East China cluster after a config push; traffic shifted to backup.',
        ],
        [[1, '12:40'], 'fix', 'Config rolled back, capacity added; push success rate back to 99.9%.'],
        [[1, '13:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'androidAudio',
      channel: 'ticket',
      sentAt: [2, '14:00'],
      vendorRef: 'NB-20477',
      ratings: { communication: 5 },
      events: [
        [[2, '14:20'], 'ack'],
        [[2, '14:25'], 'info_request', 'Asked for SDK logs with audio dump enabled and the ROM version.'],
        [[2, '15:00'], 'info_provided'],
        [[2, '15:30'], 'escalation', 'Engine audio team engaged.', 'RnD'],
        [
          [3, '11:00'],
          'diagnosis',
          'Capture restarts are blocked by the ROM permission manager after background.',
        ],
        [[4, '16:00'], 'root_cause', 'Audio focus lost on resume; the SDK did not re-open the recorder.'],
        [[7, '11:00'], 'fix', 'SDK 5.1.3 re-acquires the recorder on resume.'],
        [[7, '15:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'echo',
      channel: 'im',
      sentAt: [8, '10:00'],
      events: [
        [[8, '10:15'], 'ack'],
        [[8, '11:30'], 'diagnosis', 'AEC dump shows the Bluetooth SCO route bypasses hardware AEC.'],
        [[8, '11:45'], 'escalation', 'Audio engine team.', 'RnD'],
        [[8, '16:00'], 'workaround', 'Enable software AEC mode 2 for Bluetooth routes (parameter provided).'],
        [[8, '17:00'], 'confirmed_workaround'],
        [[10, '15:00'], 'fix', 'Permanent fix scheduled in SDK 5.2.'],
      ],
    },
    {
      scenario: 'packetLoss',
      channel: 'ticket',
      sentAt: [3, '10:00'],
      events: [
        [[3, '10:40'], 'ack'],
        [[3, '10:45'], 'info_request', 'Asked for the network test profile and client logs.'],
        [[3, '11:30'], 'info_provided'],
        [[3, '14:00'], 'diagnosis', 'Loss is bursty; FEC redundancy too low for this profile.'],
        [[3, '16:30'], 'fix', 'Tuned FEC and jitter-buffer parameters delivered.'],
        [[4, '10:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'sdkCrash',
      channel: 'ticket',
      sentAt: [9, '16:30'],
      events: [
        [[9, '17:10'], 'ack'],
        [
          [10, '10:00'],
          'diagnosis',
          'Reproduced: race in leaveChannel when the audio session is interrupted.',
        ],
        [[10, '15:00'], 'fix', 'Hotfix 4.3.1 delivered.'],
        [[10, '17:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'tokenDocs',
      channel: 'email',
      sentAt: [11, '11:00'],
      events: [
        [[11, '13:00'], 'ack'],
        [[11, '15:00'], 'fix', 'Docs updated with the renewal sequence and a code sample.'],
        [[11, '16:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'billing',
      channel: 'csm',
      sentAt: [7, '09:30'],
      events: [
        [[7, '09:50'], 'ack', 'CSM took it to the billing team.', 'CSM'],
        [[7, '11:00'], 'diagnosis', 'Transcoding minutes double-counted for mixed streams.'],
        [[7, '15:00'], 'fix', 'Credit note issued; billing rule corrected.'],
        [[7, '16:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'coHost',
      channel: 'im',
      sentAt: { minutesAgo: 50 },
      events: [
        [{ minutesAgo: 38 }, 'ack'],
        [{ minutesAgo: 35 }, 'info_request', 'Asked for room ids and timestamps of failed invitations.'],
      ],
    },
  ],
};

const quickPing: VendorStory = {
  key: 'quickping',
  name: 'QuickPing Media',
  product: 'QuickPing Live SDK',
  supportPlan: { name: 'Pro', annualCost: 48000, currency: 'CNY' },
  notes:
    'Answers within minutes, always politely — but mostly generic advice (restart, check the network, read the docs).',
  sla: {
    source: { document: 'QuickPing Service Terms', version: 'v3' },
    severityDefinitions: true,
    responseTargets: {
      P0: { minutes: 15, coverage: '24x7' },
      P1: { minutes: 60, coverage: 'business' },
      P2: { minutes: 240, coverage: 'business' },
    },
    escalationPath: [{ level: 'Support supervisor' }],
    channels: { ticketPortal: true, imGroup: true },
    quotes: [{ ref: '2.1', text: 'We aim to respond to urgent issues within 15 minutes.' }],
  },
  probes: [
    {
      scenario: 'outage',
      channel: 'hotline',
      sentAt: [1, '10:00'],
      events: [
        [[1, '10:04'], 'ack'],
        [[1, '10:10'], 'troubleshooting', 'Please restart the push service and check your network.'],
        [[1, '11:30'], 'troubleshooting', 'Please try another region.'],
        [
          [1, '13:00'],
          'status_update',
          'We have recorded your problem and will handle it as soon as possible.',
        ],
        [[1, '13:05'], 'escalation_request', 'Asked for an engineer who can look at the server side.'],
        [[1, '16:00'], 'closed_unresolved', 'Recovered by itself; no explanation given.'],
      ],
    },
    {
      scenario: 'androidAudio',
      channel: 'ticket',
      sentAt: [2, '14:00'],
      events: [
        [[2, '14:05'], 'ack'],
        [[2, '14:10'], 'info_request', 'Which phone model?'],
        [[2, '15:00'], 'troubleshooting', 'Please check the app has microphone permission.'],
        [[3, '10:00'], 'troubleshooting', 'Please upgrade to the latest SDK.'],
        [[3, '11:00'], 'escalation_request'],
        [[9, '18:00'], 'closed_unresolved', 'Never reached anyone who could debug the capture path.'],
      ],
    },
    {
      scenario: 'echo',
      channel: 'im',
      sentAt: [8, '10:00'],
      events: [
        [[8, '10:03'], 'ack'],
        [[8, '10:20'], 'troubleshooting', 'Link to the AEC documentation.'],
        [[9, '11:00'], 'workaround', 'Suggests forcing speaker mode when a headset is connected.'],
        [[9, '14:00'], 'confirmed_workaround'],
      ],
    },
    {
      scenario: 'packetLoss',
      channel: 'ticket',
      sentAt: [3, '10:00'],
      events: [
        [[3, '10:05'], 'ack'],
        [[3, '10:15'], 'troubleshooting', 'Please test on a better network.'],
        [[3, '10:30'], 'info_request', 'Please send a screen recording.'],
        [[4, '10:00'], 'troubleshooting', 'Lower the resolution to 480p.'],
        [[4, '15:00'], 'workaround', 'Use the low-latency preset.'],
        [[4, '17:00'], 'confirmed_workaround'],
      ],
    },
    {
      scenario: 'sdkCrash',
      channel: 'ticket',
      sentAt: [9, '16:30'],
      events: [
        [[9, '16:35'], 'ack'],
        [[9, '16:50'], 'troubleshooting', 'Please do a clean build.'],
        [[10, '11:00'], 'troubleshooting', 'Please roll back to 4.2 for now.'],
        [[11, '17:30'], 'closed_unresolved'],
      ],
    },
    {
      scenario: 'tokenDocs',
      channel: 'im',
      sentAt: [11, '11:00'],
      events: [
        [[11, '11:06'], 'ack'],
        [[11, '11:20'], 'troubleshooting', 'Link to the general token guide.'],
        [[11, '14:00'], 'confirmed_workaround'],
      ],
    },
    {
      scenario: 'billing',
      channel: 'ticket',
      sentAt: [7, '09:30'],
      events: [
        [[7, '09:36'], 'ack'],
        [[7, '09:40'], 'info_request', 'Invoice number?'],
        [[7, '14:00'], 'fix', 'Bill corrected.'],
        [[7, '15:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'coHost',
      channel: 'im',
      sentAt: { minutesAgo: 200 },
      events: [
        [{ minutesAgo: 195 }, 'ack'],
        [{ minutesAgo: 185 }, 'troubleshooting', 'Please make sure both users are on the latest SDK.'],
      ],
    },
  ],
};

const relaylink: VendorStory = {
  key: 'relaylink',
  name: 'Relaylink Video',
  product: 'Relaylink RTC Cloud',
  supportPlan: { name: 'Business', annualCost: 60000, currency: 'CNY' },
  notes: 'Tickets bounce between support, product and R&D (踢皮球); escalation requests are slow or ignored.',
  sla: {
    source: { document: 'Relaylink Support Policy', version: '1.4' },
    severityDefinitions: true,
    responseTargets: {
      P0: { minutes: 30, coverage: 'business' },
      P1: { minutes: 120, coverage: 'business' },
      P2: { minutes: 480, coverage: 'business' },
      P3: { minutes: 1440, coverage: 'business' },
    },
    escalationPath: [{ level: 'L1 support' }, { level: 'L2 product support' }],
    channels: { ticketPortal: true, email: true },
  },
  probes: [
    {
      scenario: 'outage',
      channel: 'hotline',
      sentAt: [1, '10:00'],
      events: [
        [[1, '10:35'], 'ack'],
        [[1, '10:50'], 'handoff', 'Passed to the L2 product team.', 'L2'],
        [[1, '11:40'], 'handoff', 'Passed to operations.'],
        [[1, '12:30'], 'status_update', 'Operations are checking.'],
        [[1, '12:35'], 'escalation_request'],
        [[1, '14:00'], 'escalation', 'R&D on-call engaged.', 'RnD'],
        [[1, '14:30'], 'diagnosis', 'Faulty load-balancer rule.'],
        [[1, '16:30'], 'fix'],
        [[1, '17:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'androidAudio',
      channel: 'ticket',
      sentAt: [2, '14:00'],
      events: [
        [[2, '15:30'], 'ack'],
        [[2, '16:00'], 'handoff', 'To the Android SDK team.'],
        [[3, '10:00'], 'handoff', 'Back to support: "not an SDK issue".'],
        [[4, '11:00'], 'handoff', 'To the device-compatibility team.'],
        [[4, '11:30'], 'escalation_request'],
        [[7, '10:00'], 'status_update', 'Still being looked at.'],
        [[9, '18:00'], 'closed_unresolved'],
      ],
    },
    {
      scenario: 'echo',
      channel: 'email',
      sentAt: [8, '10:00'],
      events: [
        [[8, '11:10'], 'ack'],
        [[8, '11:30'], 'info_request', 'Asked for an audio dump.'],
        [[8, '12:00'], 'info_provided'],
        [[8, '14:00'], 'handoff', 'To the SDK team.'],
        [[8, '17:00'], 'handoff', 'To the audio team.'],
        [[9, '15:00'], 'handoff', 'To the Bluetooth specialist.'],
        [[9, '15:30'], 'escalation_request'],
        [[10, '11:00'], 'escalation', undefined, 'RnD'],
        [[10, '15:00'], 'diagnosis', 'AEC disabled on the SCO route.'],
        [[11, '16:00'], 'workaround', 'Disable Bluetooth SCO; use A2DP.'],
        [[11, '17:00'], 'confirmed_workaround'],
      ],
    },
    {
      scenario: 'packetLoss',
      channel: 'ticket',
      sentAt: [3, '10:00'],
      events: [
        [[3, '15:00'], 'ack'],
        [[4, '10:00'], 'handoff', 'To the network team.'],
        [[4, '14:00'], 'handoff', 'Back to support: "network is fine on our side".'],
        [[4, '16:00'], 'troubleshooting'],
        [[7, '11:00'], 'diagnosis', 'Packet-loss distribution analysed; NACK disabled in this config.'],
        [[8, '16:00'], 'fix', 'Config with NACK and FEC enabled.'],
        [[9, '10:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'sdkCrash',
      channel: 'ticket',
      sentAt: [9, '16:30'],
      events: [
        [[10, '11:00'], 'ack'],
        [[10, '14:00'], 'handoff', 'To the iOS team.'],
        [[11, '10:00'], 'handoff', 'To QA for reproduction.'],
        [[11, '12:00'], 'handoff', 'Back to the iOS team.'],
        [[11, '15:00'], 'troubleshooting', 'Asked us to retry with debug symbols.'],
      ],
    },
    {
      scenario: 'billing',
      channel: 'email',
      sentAt: [7, '09:30'],
      events: [
        [[7, '13:00'], 'ack'],
        [[7, '14:00'], 'handoff', 'To finance.'],
        [[8, '10:00'], 'handoff', 'Back to support: "not a billing error", then to finance again.'],
        [[9, '11:00'], 'fix', 'Bill corrected.'],
        [[9, '12:00'], 'confirmed_fixed'],
      ],
    },
    { scenario: 'tokenDocs', channel: 'email', sentAt: { minutesAgo: 30 * 60 }, events: [] },
    { scenario: 'coHost', channel: 'ticket', sentAt: { minutesAgo: 100 }, events: [] },
  ],
};

const shenglang: VendorStory = {
  key: 'shenglang',
  name: '声浪云 SonicWave',
  product: '声浪云实时音视频 RTC 4.x',
  supportPlan: { name: '旗舰版 Flagship', annualCost: 150000, currency: 'CNY' },
  contact: '李经理 (CSM)',
  notes:
    'The strongest SLA on paper — 10-minute P0 response, credits, CSM, quarterly reports — but the promises are rarely kept. 合同条款最好，但承诺经常做不到。',
  supportHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' },
  sla: {
    source: { document: '声浪云服务等级协议 SLA', version: '2026 版' },
    severityDefinitions: true,
    responseTargets: {
      P0: { minutes: 10, coverage: '24x7' },
      P1: { minutes: 30, coverage: '24x7' },
      P2: { minutes: 60, coverage: 'business' },
      P3: { minutes: 240, coverage: 'business' },
    },
    resolutionTargets: { P0: { minutes: 120 }, P1: { minutes: 720 } },
    updateCadence: { P0: { minutes: 15 }, P1: { minutes: 60 } },
    escalationPath: [
      { level: '二线技术支持 L2', contact: 'l2@shenglang.example', afterMinutes: 20 },
      { level: '研发值班 R&D on duty', contact: 'rnd-duty@shenglang.example', afterMinutes: 60 },
    ],
    serviceCredits: { offered: true, terms: '每次 P0 响应超时返还当月服务费 20%' },
    channels: { hotline24x7: true, ticketPortal: true, imGroup: true, email: true, dedicatedCsm: true },
    proactiveReports: true,
    rcaCommitment: true,
    quotes: [
      { ref: '第 4.1 条', text: 'P0 故障 10 分钟内响应，7×24 小时。' },
      { ref: '第 7 条', text: '每季度提供服务质量报告。' },
    ],
  },
  probes: [
    {
      scenario: 'outage',
      channel: 'hotline',
      sentAt: [1, '10:00'],
      events: [
        [[1, '10:00'], 'auto_ack', '您的工单已受理。'],
        [[1, '10:55'], 'ack'],
        [[1, '11:40'], 'diagnosis', 'Edge node certificate expired in one region.'],
        [[1, '12:00'], 'escalation', undefined, 'RnD'],
        [[1, '15:30'], 'fix'],
        [[1, '16:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'androidAudio',
      channel: 'ticket',
      sentAt: [2, '14:00'],
      events: [
        [[2, '14:00'], 'auto_ack'],
        [[2, '16:30'], 'ack'],
        [[2, '16:40'], 'info_request', 'Asked for logs and the ROM build number.'],
        [[2, '17:00'], 'info_provided'],
        [[3, '10:00'], 'escalation_request'],
        [[3, '11:00'], 'escalation', undefined, 'RnD'],
        [[4, '15:00'], 'diagnosis'],
        [[8, '11:00'], 'root_cause', 'Vendor ROM kills the capture thread on background.'],
        [[8, '16:00'], 'workaround', 'Foreground service keeps capture alive.'],
        [[8, '17:00'], 'confirmed_workaround'],
      ],
    },
    {
      scenario: 'echo',
      channel: 'im',
      sentAt: [8, '10:00'],
      events: [
        [[8, '11:20'], 'ack'],
        [[9, '10:00'], 'diagnosis'],
        [[9, '10:30'], 'escalation', undefined, 'RnD'],
        [[10, '17:00'], 'fix', 'AEC parameters for Bluetooth routes.'],
        [[11, '10:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'packetLoss',
      channel: 'ticket',
      sentAt: [3, '10:00'],
      events: [
        [[3, '14:30'], 'ack'],
        [[3, '15:00'], 'troubleshooting'],
        [[4, '11:00'], 'diagnosis', 'Loss and RTT distribution analysed.'],
        [[7, '16:00'], 'fix', 'Weak-network profile parameters.'],
        [[8, '10:00'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'sdkCrash',
      channel: 'ticket',
      sentAt: [9, '16:30'],
      events: [
        [[10, '14:00'], 'ack'],
        [[11, '10:00'], 'diagnosis'],
        [[11, '17:00'], 'fix', 'Patched build 4.3.2.'],
        [[11, '17:20'], 'confirmed_fixed'],
      ],
    },
    {
      scenario: 'tokenDocs',
      channel: 'email',
      sentAt: [11, '11:00'],
      events: [
        [[11, '17:00'], 'ack'],
        [[11, '17:10'], 'fix', 'Docs page updated.'],
        [[11, '17:20'], 'confirmed_fixed'],
      ],
    },
    { scenario: 'billing', channel: 'csm', sentAt: { minutesAgo: 30 }, events: [] },
  ],
};

export const SAMPLE_VENDORS: readonly VendorStory[] = [nimbus, quickPing, relaylink, shenglang];
