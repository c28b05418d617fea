-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "builtInKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Lesson_instructorId_builtInKey_key" ON "Lesson"("instructorId", "builtInKey");

