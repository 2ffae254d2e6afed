import type { ComponentProps } from 'react';

// A few line icons (24×24, stroke = currentColor), decorative: the control next to them carries the name.
function Icon({ children, ...props }: ComponentProps<'svg'>) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const CameraIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
    <circle cx="12" cy="13" r="3.5" />
  </Icon>
);
export const RestoreIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
    <path d="M3 3v5h5" />
  </Icon>
);
export const DownloadIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M12 3v12m0 0-4-4m4 4 4-4M4 19h16" />
  </Icon>
);
export const TrashIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M4 7h16M9 7V4h6v3m-8 0 1 13h8l1-13" />
  </Icon>
);
export const CheckIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="m5 12 5 5 9-10" />
  </Icon>
);
export const CrossIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Icon>
);
export const AlertIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M12 3 2 20h20zM12 10v4m0 3h.01" />
  </Icon>
);
export const ShieldCheckIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6z" />
    <path d="m9 12 2 2 4-4" />
  </Icon>
);
export const ClockIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </Icon>
);
export const ChevronDownIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="m6 9 6 6 6-6" />
  </Icon>
);
export const MenuIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M4 6h16M4 12h16M4 18h16" />
  </Icon>
);
export const SignOutIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10" />
  </Icon>
);
export const PinIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M9 3h6l-1 6 4 4H6l4-4zM12 13v8" />
  </Icon>
);
export const PencilIcon = (p: ComponentProps<'svg'>) => (
  <Icon {...p}>
    <path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4" />
  </Icon>
);
export function SpinnerIcon({ className, ...p }: ComponentProps<'svg'>) {
  return (
    <Icon className={['animate-spin motion-reduce:animate-none', className].join(' ')} {...p}>
      <path d="M21 12a9 9 0 1 1-6.2-8.6" />
    </Icon>
  );
}
