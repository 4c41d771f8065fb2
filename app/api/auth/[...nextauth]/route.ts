import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { otherMethods } from "@/lib/http-methods";

const auth = NextAuth(authOptions);

export { auth as GET, auth as POST };

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
