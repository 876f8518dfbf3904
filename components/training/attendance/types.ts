import type { SessionAttendance } from "@/lib/training/attendance/queries";

export type RegistrationView = SessionAttendance["registrations"][number];
export type AttendanceLineView = SessionAttendance["lines"][number];
export type AbsentView = SessionAttendance["absent"][number];
export type RemedialSessionView = SessionAttendance["remedialSessions"][number];
