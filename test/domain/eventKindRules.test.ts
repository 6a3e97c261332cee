import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KIND_RULES, proposeKind } from '../../src/domain/eventKindRules.js';
import { EventKindSchema, isVendorKind } from '../../src/domain/schemas.js';

describe('proposeKind', () => {
  it.each([
    // [text, actor, kind, trigger]
    ['Automatic reply: we are out of the office', 'vendor', 'auto_ack', 'Automatic reply'],
    ['这是一封自动回复邮件', 'vendor', 'auto_ack', '自动回复'],
    ['自动答复: 推流失败', 'vendor', 'auto_ack', '自动答复'],
    ['Could you send the SDK logs from the device?', 'vendor', 'info_request', 'Could you send'],
    ['Please provide logs and the room id', 'vendor', 'info_request', 'Please provide'],
    ['请提供日志和房间号', 'vendor', 'info_request', '请提供'],
    ['麻烦提供一下复现步骤', 'vendor', 'info_request', '麻烦提供'],
    ['We have escalated this to our R&D team', 'vendor', 'escalation', 'escalated'],
    ['I am escalating to the L2 team', 'vendor', 'escalation', 'escalating to'],
    ['问题已升级，研发跟进中', 'vendor', 'escalation', '已升级'],
    ['我们已经升级到研发', 'vendor', 'escalation', '升级到研发'],
    ['The root cause is a race in the jitter buffer', 'vendor', 'root_cause', 'root cause'],
    ['根因是弱网下重传过多', 'vendor', 'root_cause', '根因'],
    ['根本原因已找到', 'vendor', 'root_cause', '根本原因'],
    ['As a workaround, disable hardware encoding', 'vendor', 'workaround', 'workaround'],
    ['A temporary solution is to pin version 4.2', 'vendor', 'workaround', 'temporary solution'],
    ['临时方案：关闭硬编', 'vendor', 'workaround', '临时方案'],
    ['可以先规避这个问题', 'vendor', 'workaround', '规避'],
    ['This is fixed in 4.3.1', 'vendor', 'fix', 'fixed'],
    ['We released a fix today', 'vendor', 'fix', 'released a fix'],
    ['Hotfix 4.3.2 is available', 'vendor', 'fix', 'Hotfix'],
    ['问题已修复，请升级SDK', 'vendor', 'fix', '已修复'],
    ['修复版本为 4.3.1', 'vendor', 'fix', '修复版本'],
    ['We are investigating the issue', 'vendor', 'diagnosis', 'We are investigating'],
    ['We analysed the logs and see jitter', 'vendor', 'diagnosis', 'analysed the logs'],
    ['There is 30% packet loss on the uplink', 'vendor', 'diagnosis', 'packet loss'],
    ['我们抓包看了一下', 'vendor', 'diagnosis', '抓包'],
    ['日志分析中', 'vendor', 'diagnosis', '日志分析'],
    ['Try restarting the app', 'vendor', 'troubleshooting', 'Try restarting'],
    ['Please check your network', 'vendor', 'troubleshooting', 'check your network'],
    ['请重启应用后再试', 'vendor', 'troubleshooting', '请重启'],
    ['请检查网络是否正常', 'vendor', 'troubleshooting', '检查网络'],
    ['Your case was transferred to the media team', 'vendor', 'handoff', 'transferred'],
    ['I have forwarded this to our partner', 'vendor', 'handoff', 'forwarded this to'],
    ['已转给音视频组', 'vendor', 'handoff', '转给'],
    ['已转交二线', 'vendor', 'handoff', '转交'],
    ['Status update: still on it', 'vendor', 'status_update', 'Status update'],
    ['We received your ticket', 'vendor', 'ack', 'received'],
    ['We have recorded your issue', 'vendor', 'ack', 'We have recorded'],
    ['您的问题已收到', 'vendor', 'ack', '已收到'],
    ['已记录，稍后回复', 'vendor', 'ack', '已记录'],
    ['您好，請提供日誌。', 'vendor', 'info_request', '請提供'],
    ['問題已修復', 'vendor', 'fix', '已修復'],
    // Order: the deeper kind wins over an ack in the same mail.
    ['We received your logs; the root cause is a DNS timeout', 'vendor', 'root_cause', 'root cause'],
    ['已收到日志，根因是DNS超时', 'vendor', 'root_cause', '根因'],
    // Buyer kinds.
    ['Here are the logs you asked for', 'buyer', 'info_provided', 'Here are the logs'],
    ['Logs attached.', 'buyer', 'info_provided', 'attached'],
    ['附件是日志，请查收', 'buyer', 'info_provided', '附件是日志'],
    ['复现步骤已提供', 'buyer', 'info_provided', '已提供'],
    ['Please escalate, this blocks our launch', 'buyer', 'escalation_request', 'Please escalate'],
    ['请升级处理，影响线上', 'buyer', 'escalation_request', '请升级'],
    ['Confirmed fixed on our side', 'buyer', 'confirmed_fixed', 'Confirmed fixed'],
    ['Thanks, it works now', 'buyer', 'confirmed_fixed', 'works now'],
    ['问题已解决，谢谢', 'buyer', 'confirmed_fixed', '已解决'],
    ['确认修复，可以关单', 'buyer', 'confirmed_fixed', '确认修复'],
    ['The workaround works for us', 'buyer', 'confirmed_workaround', 'workaround works'],
    ['临时方案有效', 'buyer', 'confirmed_workaround', '临时方案有效'],
    ['It happened again this morning', 'buyer', 'reopened', 'happened again'],
    ['问题又出现了', 'buyer', 'reopened', '又出现'],
    // A request outranks the attachment note in the same buyer mail.
    ['Logs attached; please escalate', 'buyer', 'escalation_request', 'please escalate'],
  ] as const)('when %s (%s), then %s', (text, actor, kind, trigger) => {
    expect(proposeKind(text, actor)).toEqual({ kind, trigger });
  });

  it.each([
    // Phrases that must NOT propose a kind.
    ['The prefixed header is wrong', 'vendor'],
    ['We use a fixed bitrate of 800 kbps', 'vendor'],
    ['This is not fixed yet', 'vendor'],
    ['It has not been fixed', 'vendor'],
    ['问题未修复', 'vendor'],
    ['我们还没有根因', 'vendor'],
    ['We have not received anything', 'vendor'],
    ['尚未收到日志', 'vendor'],
    ['The receivedAt field is empty', 'vendor'],
    ['Thanks for the call', 'vendor'],
    ['好的，谢谢', 'vendor'],
    ['What is the escalation path?', 'vendor'],
    ['Our restart policy is daily', 'vendor'],
    ['Hello, any news?', 'buyer'],
    ['问题未解决', 'buyer'],
    ['The logs are not attached', 'buyer'],
    // A vendor phrase never proposes a buyer kind, and the other way round.
    ['问题已修复', 'buyer'],
    ['Please escalate', 'vendor'],
  ] as const)('when %s (%s), then no kind is proposed', (text, actor) => {
    expect(proposeKind(text, actor)).toBeNull();
  });

  it('when any rule matches, then its kind belongs to its actor', () => {
    for (const rule of KIND_RULES) {
      expect(EventKindSchema.parse(rule.kind)).toBe(rule.kind);
      expect(isVendorKind(rule.kind)).toBe(rule.actor === 'vendor');
    }
  });

  it('when given any text, then the proposal is of the actor and its trigger occurs in the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('vendor' as const, 'buyer' as const), (text, actor) => {
        const proposal = proposeKind(text, actor);
        if (proposal === null) return;
        expect(isVendorKind(proposal.kind)).toBe(actor === 'vendor');
        expect(text).toContain(proposal.trigger);
      }),
    );
  });
});
