/**
 * Which event kind an imported message probably is (SPEC §2 kinds, issue 11): one table of
 * phrase rules in English and Chinese, checked in order, first match wins. The proposal is
 * shown with the phrase that triggered it and a person can change it before committing, so
 * the rules aim to be predictable rather than clever.
 *
 * Order matters: a vendor mail saying "we have received your logs, the root cause is …"
 * is a root cause, not an ack, so the kinds that show more depth come before the generic
 * ones. Chinese phrases come in simplified and traditional characters. Negations ("not fixed", "未修复") are refused by the phrases themselves.
 */
import type { BuyerEventKind, VendorEventKind } from './schemas.js';

export type EventKind = VendorEventKind | BuyerEventKind;

export interface KindRule {
  kind: EventKind;
  actor: 'vendor' | 'buyer';
  /** Each phrase is tried in turn over the whole text; the matched words become the trigger. */
  phrases: readonly RegExp[];
}

/** English words must not be a part of a longer word ("prefixed" is not "fixed"), nor be negated. */
const NOT_NEGATED = String.raw`(?<!\bnot\s)(?<!\bnot yet\s)(?<!n't\s)(?<!n't been\s)(?<!\bnot been\s)(?<!\bno\s)`;
const en = (words: string) => new RegExp(String.raw`${NOT_NEGATED}\b(?:${words})\b`, 'i');
/** Chinese has no word boundaries; a negation right before the phrase refuses it. */
const zh = (words: string) => new RegExp(String.raw`(?<![未没不无非])(?<!没有)(?<!尚无)(?:${words})`);

export const KIND_RULES: readonly KindRule[] = [
  // Vendor kinds, deepest evidence first after the auto-reply.
  {
    kind: 'auto_ack',
    actor: 'vendor',
    phrases: [en('auto-?reply|automatic reply|out of office'), zh('自动回复|自动答复')],
  },
  {
    kind: 'info_request',
    actor: 'vendor',
    phrases: [
      en(
        'please (?:provide|send|share|upload|attach)|could you (?:please )?(?:send|provide|share)|can you (?:please )?(?:send|provide|share)',
      ),
      zh('请提供|麻烦提供|请您提供|请上传|请发送|麻烦发|請提供|麻煩提供'),
    ],
  },
  {
    kind: 'escalation',
    actor: 'vendor',
    phrases: [
      en('escalated|escalating (?:it |this )?to'),
      zh('已升级|升级到研发|升级至研发|已转研发|已升級|升級到研發'),
    ],
  },
  { kind: 'root_cause', actor: 'vendor', phrases: [en('root cause'), zh('根因|根本原因')] },
  {
    kind: 'workaround',
    actor: 'vendor',
    phrases: [
      en('workaround|work-around|temporary (?:solution|fix)'),
      zh('临时方案|临时解决|规避|臨時方案|規避'),
    ],
  },
  {
    kind: 'fix',
    actor: 'vendor',
    phrases: [
      en(
        'fixed(?! (?:bit ?rate|frame ?rate|resolution|size|ip|address|width|price|cost)\\b)|released a fix|hot-?fix|patch (?:is|was) released',
      ),
      zh('已修复|修复版本|已经修复|已修復|修復版本'),
    ],
  },
  {
    kind: 'diagnosis',
    actor: 'vendor',
    phrases: [
      en("we are investigating|we're investigating|analy[sz]ed the logs?|packet loss|reproduced"),
      zh('抓包|日志分析|分析了日志|已复现|丢包|日誌分析|已復現|丟包'),
    ],
  },
  {
    kind: 'troubleshooting',
    actor: 'vendor',
    phrases: [
      en('try restarting|please restart|check your network|clear the cache|reinstall'),
      zh('请重启|重启一下|检查网络|检查一下网络|請重啟|檢查網路'),
    ],
  },
  {
    kind: 'handoff',
    actor: 'vendor',
    phrases: [
      en('transferred|forwarded (?:it |this )?to|handed (?:it |this )?over'),
      zh('转给|转交|轉給|轉交'),
    ],
  },
  {
    kind: 'status_update',
    actor: 'vendor',
    phrases: [
      en('status update|progress update|still working on'),
      zh('最新进展|进展更新|仍在处理|还在处理'),
    ],
  },
  {
    kind: 'ack',
    actor: 'vendor',
    phrases: [en("received|we have recorded|we've recorded|acknowledged?"), zh('已收到|已记录|收到您的')],
  },
  // Buyer kinds: a request or a verdict says more than "attached", which signatures repeat.
  {
    kind: 'escalation_request',
    actor: 'buyer',
    phrases: [en('please escalate|escalate (?:this|it)'), zh('请升级|麻烦升级|申请升级|請升級')],
  },
  {
    kind: 'confirmed_workaround',
    actor: 'buyer',
    phrases: [en('workaround works|workaround helps'), zh('临时方案(?:有效|可用)|规避(?:有效|可用)')],
  },
  {
    kind: 'confirmed_fixed',
    actor: 'buyer',
    phrases: [
      en('confirmed fixed|confirm(?:ed)? (?:the|it is) fixed|works now|resolved now|is resolved'),
      zh('已解决|确认修复|已恢复正常|已解決|確認修復'),
    ],
  },
  {
    kind: 'reopened',
    actor: 'buyer',
    phrases: [
      en('reopen(?:ed|ing)?|happened again|still (?:happens|failing|broken)'),
      zh('重新打开|又出现|再次出现|问题复现'),
    ],
  },
  {
    kind: 'closed_unresolved',
    actor: 'buyer',
    phrases: [
      en('closing (?:it |this )?(?:as )?unresolved|close without (?:a )?(?:fix|resolution)'),
      zh('未解决关闭|不再跟进'),
    ],
  },
  {
    kind: 'info_provided',
    actor: 'buyer',
    phrases: [
      en('here (?:are|is) the logs?|attached|please find'),
      zh('附件是日志|附件为日志|已提供|日志见附件|见附件'),
    ],
  },
];

/** The first rule of `actor`'s kinds whose phrase occurs in `text`, with the words that matched. */
export function proposeKind(
  text: string,
  actor: 'vendor' | 'buyer',
): { kind: EventKind; trigger: string } | null {
  for (const rule of KIND_RULES) {
    if (rule.actor !== actor) continue;
    for (const phrase of rule.phrases) {
      const match = phrase.exec(text);
      if (match) return { kind: rule.kind, trigger: match[0] };
    }
  }
  return null;
}

/**
 * The kind proposed for a message once its side is known — when it is read, and again when a
 * person changes its side in the preview: the side's first matching rule, else for our own
 * message a plain note (a message of ours with no request or verdict is still worth keeping).
 */
export function kindForSide(
  text: string,
  actor: 'vendor' | 'buyer',
): { kind: EventKind; trigger?: string } | null {
  return proposeKind(text, actor) ?? (actor === 'buyer' ? { kind: 'note' } : null);
}
