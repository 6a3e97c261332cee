import { defineMessages } from '../catalogue.js';

/** Messages of evidence files: the timeline's file lists and upload forms, and the report's evidence appendix. */
export default defineMessages({
  en: {
    'evidence.files': 'Files',
    'evidence.filesOf': 'Files of “{kind}” at {time}',
    'evidence.choose': 'Evidence files',
    'evidence.attach': 'Attach',
    'evidence.sha256': 'SHA-256 {hash}',
    'evidence.download': 'Download {name}',
    'evidence.remove': 'Remove',
    'evidence.removeLabel': 'Remove {name}',
    'evidence.appendix.title': 'Evidence files',
    'evidence.appendix.intro':
      'Every file kept as evidence, with its SHA-256: recompute the hash of a file to show it is the one recorded.',
    'evidence.appendix.none': 'No files are attached to this trial’s events.',
    'evidence.appendix.probe': 'Probe',
    'evidence.appendix.vendor': 'Vendor',
    'evidence.appendix.event': 'Event time',
    'evidence.appendix.name': 'File',
    'evidence.appendix.type': 'Type',
    'evidence.appendix.size': 'Size',
    'evidence.appendix.sha256': 'SHA-256',
    'error.tooLargeUpload': 'Too large',
    'error.tooLargeUploadText':
      'The file (or the form) is larger than this server accepts, or holds too many files. Go back and send a smaller one.',
  },
  'zh-CN': {
    'evidence.files': '文件',
    'evidence.filesOf': '{time}“{kind}”的文件',
    'evidence.choose': '证据文件',
    'evidence.attach': '添加',
    'evidence.sha256': 'SHA-256 {hash}',
    'evidence.download': '下载 {name}',
    'evidence.remove': '移除',
    'evidence.removeLabel': '移除 {name}',
    'evidence.appendix.title': '证据文件',
    'evidence.appendix.intro':
      '作为证据保存的全部文件及其 SHA-256：重新计算文件的哈希即可证明它就是记录的那一个。',
    'evidence.appendix.none': '本次评估的事件没有附带文件。',
    'evidence.appendix.probe': '问题单',
    'evidence.appendix.vendor': '厂商',
    'evidence.appendix.event': '事件时间',
    'evidence.appendix.name': '文件',
    'evidence.appendix.type': '类型',
    'evidence.appendix.size': '大小',
    'evidence.appendix.sha256': 'SHA-256',
    'error.tooLargeUpload': '文件过大',
    'error.tooLargeUploadText':
      '文件（或表单）超过了服务器允许的大小，或文件数量过多。请返回并发送较小的文件。',
  },
});
