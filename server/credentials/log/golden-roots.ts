/** compact/range_test.go TestGetRootHashGolden: leaf i is the two bytes i & 0xff, i >> 8. */
export const GOLDEN_ROOTS: [number, string][] = [
  [10, "VjWMPSYNtCuCNlF/RLnQy6HcwSk6CIipfxm+hettA+4="],
  [15, "j4SulYmocFuxdeyp12xXCIgK6PekBcxzAIj4zbQzNEI="],
  [16, "c+4Uc6BCMOZf/v3NZK1kqTUJe+bBoFtOhP+P3SayKRE="],
  [100, "dUh9hYH88p0CMoHkdr1wC2szbhcLAXOejWpINIooKUY="],
  [255, "SmdsuKUqiod3RX2jyF2M6JnbdE4QuTwwipfAowI4/i0="],
  [256, "qFI0t/tZ1MdOYgyPpPzHFiZVw86koScXy9q3FU5casA="],
  [1000, "RXrgb8xHd55Y48FbfotJwCbV82Kx22LZfEbmBGAvwlQ="],
  [4095, "cWRFdQhPcjn9WyBXE/r1f04ejxIm5lvg40DEpRBVS0w="],
  [4096, "6uU/phfHg1n/GksYT6TO9aN8EauMCCJRl3dIK0HDs2M="],
  [10000, "VZcav65F9haHVRk3wre2axFoBXRNeUh/1d9d5FQfxIg="],
];
