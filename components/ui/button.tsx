import { cn } from "./cn";

const variants = {
  primary: "bg-brand-500 text-white hover:bg-brand-600 disabled:bg-brand-100 disabled:text-white",
  default: "border border-slate-300 bg-white text-slate-700 hover:border-brand-500 hover:text-brand-600 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-200",
  link: "text-brand-600 hover:text-brand-700 hover:underline disabled:text-slate-400",
} as const;

export type ButtonVariant = keyof typeof variants;

export function buttonClass(variant: ButtonVariant = "default", className?: string) {
  return cn(
    "inline-flex h-8 items-center justify-center gap-1 rounded px-4 text-sm whitespace-nowrap transition-colors disabled:cursor-not-allowed",
    variant === "link" && "h-auto px-0",
    variants[variant],
    className,
  );
}

export function Button({
  variant = "default",
  className,
  type = "button",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
