// The two files attendance is imported from, told apart by their headers: the 签到表 people sign on site, and the
// export of the video meeting (姓名, 手机号, 入会时间, 离会时间, 参会时长). Columns are found by heading, in any order.
import { parseTable, type TableSpec } from "@/lib/xlsx/parse";

export type SignInColumn = "seq" | "name" | "unitName" | "phone" | "signedAt";
export type MeetingColumn = "name" | "unitName" | "phone" | "joinedAt" | "leftAt" | "duration";
export type AttendanceFormat = "sign_in" | "meeting";

const NAME = ["姓名", "用户名", "参会人", "参会者"] as const;
const UNIT = ["单位", "单位名称", "工作单位", "所在单位"] as const;
const PHONE = ["联系电话", "手机号", "电话", "手机", "手机号码"] as const;

export const SIGN_IN_TABLE: TableSpec<SignInColumn> = {
  columns: { seq: ["序号"], name: [...NAME], unitName: [...UNIT], phone: [...PHONE], signedAt: ["签到时间", "签到"] },
  required: ["name", "unitName", "phone"],
  filledBy: ["name", "unitName", "phone", "signedAt"],
  emptyMessage: "签到表中没有签到人员，请核对文件后再导入。",
  title: "签到表",
};

export const MEETING_TABLE: TableSpec<MeetingColumn> = {
  columns: {
    name: ["用户名", ...NAME],
    unitName: [...UNIT],
    phone: ["手机号", ...PHONE],
    joinedAt: ["入会时间", "加入会议时间", "首次入会时间"],
    leftAt: ["离会时间", "退出会议时间", "最后离会时间"],
    duration: ["参会时长（分钟）", "参会时长", "时长"],
  },
  required: ["name", "phone", "joinedAt", "leftAt", "duration"],
  filledBy: ["name", "phone", "joinedAt", "leftAt", "duration"],
  emptyMessage: "会议导出表中没有参会人员，请核对文件后再导入。",
};

/** Every heading either file may have: enough to find the header row and see which file it is. */
const ANY_TABLE: TableSpec<SignInColumn | MeetingColumn> = {
  columns: { ...SIGN_IN_TABLE.columns, ...MEETING_TABLE.columns, name: [...NAME], phone: [...PHONE] },
  required: [],
  emptyMessage: SIGN_IN_TABLE.emptyMessage,
};

/**
 * A file with 入会时间, 离会时间 or 参会时长 is a meeting export; anything else is read as a 签到表, so a file that is
 * neither is refused with the 签到表's missing columns named.
 */
export function detectFormat(bytes: Buffer, sheet?: string): AttendanceFormat {
  try {
    const { columns } = parseTable(bytes, ANY_TABLE, { sheet });
    return columns.joinedAt !== undefined || columns.leftAt !== undefined || columns.duration !== undefined ? "meeting" : "sign_in";
  } catch {
    // The import's own read of the file refuses it, saying why.
    return "sign_in";
  }
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
/** Day 0 of Excel's serial dates, 1899-12-30, in UTC milliseconds. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A time as a 签到表 or export holds it, read as Beijing time: 「2021-11-26 09:05」「2021/11/26 9:05:30」
 * 「2021年11月26日 9:05」, a time alone 「09:05」 (on the session's day), or an Excel date number. Null when it is none.
 */
export function parseAttendanceTime(text: string, sessionDay: Date): Date | null {
  const value = text.normalize("NFKC").trim();
  if (/^\d+(\.\d+)?$/.test(value)) {
    const serial = Number(value);
    // A fraction alone is a time of day; whole numbers from 1 on are dates (1900 on).
    const days = serial < 1 ? dayNumber(sessionDay) + serial : serial;
    if (serial >= 1 && serial < 20000) return null;
    return new Date(Math.round((EXCEL_EPOCH_MS + days * 86400_000) / 1000) * 1000 - BEIJING_OFFSET_MS);
  }
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(value);
  const timeOnly = /^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(value);
  if (!full && !timeOnly) return null;
  const day = new Date(sessionDay.getTime() + BEIJING_OFFSET_MS);
  const [year, month, date, hour, minute, second] = full
    ? full.slice(1).map((p) => Number(p ?? 0))
    : [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), ...timeOnly!.slice(1).map((p) => Number(p ?? 0))];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, date, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return new Date(utc - BEIJING_OFFSET_MS);
}

/** The Excel serial number of an instant's Beijing day. */
function dayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + BEIJING_OFFSET_MS - EXCEL_EPOCH_MS) / 86400_000);
}

/** Minutes as exports write them: 「95」「95.5」「1小时35分钟」「35分」. Null when it is none. */
export function parseMinutes(text: string): number | null {
  const value = text.normalize("NFKC").replace(/\s+/g, "");
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value));
  const spelled = /^(?:(\d+)小时)?(?:(\d+)分(?:钟)?)?$/.exec(value);
  if (!spelled || (!spelled[1] && !spelled[2])) return null;
  return Number(spelled[1] ?? 0) * 60 + Number(spelled[2] ?? 0);
}
