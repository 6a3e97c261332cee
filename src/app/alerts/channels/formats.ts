/** Every webhook kind's wire format, by kind (SPEC §9). */
import type { WebhookKind } from '../../../domain/alerting.js';
import { dingtalkFormat } from './dingtalk.js';
import { feishuFormat } from './feishu.js';
import type { ChannelFormat } from './format.js';
import { jsonFormat } from './json.js';
import { slackFormat } from './slack.js';
import { wecomFormat } from './wecom.js';

export const CHANNEL_FORMATS: Record<WebhookKind, ChannelFormat> = {
  json: jsonFormat,
  feishu: feishuFormat,
  dingtalk: dingtalkFormat,
  wecom: wecomFormat,
  slack: slackFormat,
};
