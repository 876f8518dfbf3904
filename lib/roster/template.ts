/** The wording of the notice's attachment, shared by the print view and the Excel files. */
export const TABLE_TITLE = "单位系统管理员实名信息表";
