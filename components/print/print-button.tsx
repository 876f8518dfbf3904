"use client";

import { Button } from "@/components/ui/button";

export function PrintButton() {
  return (
    <Button variant="primary" onClick={() => window.print()} data-testid="print-button">
      打印
    </Button>
  );
}
