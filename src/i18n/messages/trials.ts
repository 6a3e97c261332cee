import { defineMessages } from '../catalogue.js';

/** The trials list and the create-trial form. */
export default defineMessages({
  en: {
    'trials.title': 'Trials',
    'trials.intro': 'Each trial compares candidate vendors on the same probe tickets.',
    'trials.empty': 'No trials yet. Create one, or load the sample trial to look around.',
    'trials.loadSample': 'Load sample trial',
    'trials.sampleHint': 'Four fictional RTC vendors with a few weeks of probes.',
    'trials.create': 'New trial',
    'trials.name': 'Name',
    'trials.timezone': 'Time zone',
    'trials.timezoneHint': 'IANA name, e.g. Asia/Shanghai. Working hours and times are shown in it.',
    'trials.description': 'Description',
    'trials.vendors': '{count} vendors',
    'trials.probes': '{count} probes',
    'trials.updated': 'Updated {when}',
    'trials.status': 'Status',
    'trials.leader': 'Leader: {name}',
  },
  'zh-CN': {
    'trials.title': '评估项目',
    'trials.intro': '每个评估项目用相同的测试问题单比较候选厂商。',
    'trials.empty': '还没有评估项目。新建一个，或载入示例项目看看。',
    'trials.loadSample': '载入示例项目',
    'trials.sampleHint': '四家虚构的 RTC 厂商，含数周的测试问题单。',
    'trials.create': '新建评估项目',
    'trials.name': '名称',
    'trials.timezone': '时区',
    'trials.timezoneHint': 'IANA 时区名，例如 Asia/Shanghai。工作时间和所有时间均按此时区显示。',
    'trials.description': '说明',
    'trials.vendors': '{count} 家厂商',
    'trials.probes': '{count} 个问题单',
    'trials.updated': '更新于 {when}',
    'trials.status': '状态',
    'trials.leader': '领先：{name}',
  },
});
