/** The largest request body the portal takes: a 10 MB scan or workbook plus the form around it. */
export const BODY_LIMIT_MB = 12;
export const BODY_LIMIT_BYTES = BODY_LIMIT_MB * 1024 * 1024;

export const BODY_TOO_LARGE_MESSAGE = `提交的内容超过 ${BODY_LIMIT_MB} MB，未被接收，也未保存任何内容。上传的文件请不要超过 10 MB；如需导入更多数据，请分成几个文件分别导入。`;
