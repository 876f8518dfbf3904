// 个人信息处理规则 (PIPL art. 17, GB/T 35273 §5.5): who processes what, why, how long, and whom to ask.
// A change of wording is a new version: every account is asked to read and accept it again at its next page.

/** Bump with any change of the text below. */
export const PRIVACY_NOTICE_VERSION = "2026-12-01";

export const PRIVACY_NOTICE_TITLE = "个人信息处理规则";

/** How long audit rows are kept at least, whatever the retention of the reporting data (等保 2.0: 不少于六个月). */
export const AUDIT_MIN_RETENTION_DAYS = 180;

export type NoticeSection = { heading: string; text: string };

/** The sections in reading order; `retentionDays` is PERSONAL_DATA_RETENTION_DAYS as deployed. */
export function privacyNoticeSections(retentionDays: number): NoticeSection[] {
  return [
    {
      heading: "处理者",
      text: "本平台由河北省教育厅（职业教育与成人教育处）运营，用于组织全省各级教育行政部门和职业院校报送单位系统管理员信息。",
    },
    {
      heading: "处理的个人信息",
      text: "各单位系统管理员的姓名、职务、联系电话、电子邮箱及所在单位；填报人的姓名和联系电话；盖章扫描件；您登录和操作本平台的记录（时间、IP 地址、操作内容）。",
    },
    {
      heading: "处理目的",
      text: "核实各单位系统管理员身份，为其开通全国中等职业学校管理信息系统账号并以邮件发送账号信息，发送报送提醒，以及依法留存操作记录以保障系统安全。不用于其他目的，不向上述目的以外的第三方提供。",
    },
    {
      heading: "保存期限",
      text: `任务关闭 ${retentionDays} 天后，平台清除该任务中的姓名、联系电话、电子邮箱、盖章扫描件和相关邮件正文；操作日志至少保存 ${AUDIT_MIN_RETENTION_DAYS} 天，且不可修改。`,
    },
    {
      heading: "保护措施",
      text: "列表和审核页面中的联系电话和电子邮箱默认部分隐藏，查看完整信息须说明原因并记入操作日志；超过 50 行的导出须说明原因，文件标注导出人和导出时间。",
    },
    {
      heading: "联系方式",
      text: "如需查询、更正或删除您的个人信息，或对处理方式有疑问，请联系省教育厅职成教处：0311-66005705，邮箱 724456068@qq.com。",
    },
  ];
}
