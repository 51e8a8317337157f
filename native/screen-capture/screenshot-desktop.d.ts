// The part of screenshot-desktop 1.15 (plain JavaScript, no types) that Clockhand uses.
declare module 'screenshot-desktop' {
  interface Display {
    readonly id: string | number;
    readonly name?: string;
    readonly width?: number;
    readonly height?: number;
  }
  interface Options {
    readonly screen?: string | number;
    readonly format?: 'jpg' | 'png' | 'bmp';
  }
  interface Screenshot {
    (options?: Options): Promise<Buffer>;
    listDisplays(): Promise<Display[]>;
  }
  const screenshot: Screenshot;
  export default screenshot;
}
