import { describe, expect, it } from "vitest";
import { asSentence } from "@/lib/text";

describe("asSentence", () => {
  it("ends a reason with exactly one full stop, however it was typed", () => {
    expect(asSentence("扫描件不清晰，请重新上传。")).toBe("扫描件不清晰，请重新上传。");
    expect(asSentence("扫描件不清晰，请重新上传")).toBe("扫描件不清晰，请重新上传。");
    expect(asSentence("扫描件不清晰；  ")).toBe("扫描件不清晰。");
    expect(asSentence("是否已盖章？")).toBe("是否已盖章？");
  });
});
