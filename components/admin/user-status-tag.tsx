import { Tag, type TagTone } from "@/components/ui/tag";
import type { UserStatus } from "@/db/schema";

export const USER_STATUS_LABELS: Record<UserStatus, string> = { invited: "待激活", active: "正常", locked: "已锁定", disabled: "已停用" };
const TONES: Record<UserStatus, TagTone> = { invited: "blue", active: "green", locked: "orange", disabled: "grey" };

export function UserStatusTag({ status }: { status: UserStatus }) {
  return (
    <Tag tone={TONES[status]} testId="user-status">
      {USER_STATUS_LABELS[status]}
    </Tag>
  );
}
